# float() from strings and ints; errors.
for text in ["3.14", "  -2.5 ", "1e3", "1E-3", "10", "-0", ".5", "5.", "1_000.5", "+7.25"]:
    print(repr(text), float(text))
print(float(), float(3), float(-7), float(True))
for bad in ["", "abc", "1.2.3", "1e", "--1", "one"]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    float([1])
except TypeError as e:
    print("TypeError:", e)
print(int(float("42.9")), str(2.50), str(1e100))
print(float("0.1") + float("0.2"))
