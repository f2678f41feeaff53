# abs, divmod and round together.
for v in [-5, 5, 0, -2.5, 2.5, -0.0, True]:
    print(repr(v), abs(v))
for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2), (7.5, 2), (-7.5, 2), (0, 5)]:
    print(a, b, divmod(a, b))
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    divmod(1.0, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    abs("x")
except TypeError as e:
    print("TypeError:", e)
seconds = 98765
minutes, sec = divmod(seconds, 60)
hours, minutes = divmod(minutes, 60)
print(f"{hours}:{minutes:02d}:{sec:02d}")
print(round(abs(-3.14159), 2), abs(round(-2.5)), divmod(round(17.6), 5))
