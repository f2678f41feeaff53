# Unary minus, plus and not on various operands.
for v in [5, -5, 0, 2.5, -0.0, True, False]:
    print(repr(v), -v, +v, not v)
print(-(-(-1)), --1, ---1, not not 1, not not 0)
x = 7
y = -x
print(y, -y, abs(y), +y)
try:
    -"text"
except TypeError as e:
    print("TypeError:", e)
try:
    +[1]
except TypeError as e:
    print("TypeError:", e)
try:
    -None
except TypeError as e:
    print("TypeError:", e)
