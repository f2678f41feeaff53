# int() from strings and floats, and str() of ints.
for text in ["42", "  -17 ", "+8", "007", "1_000", "0"]:
    print(repr(text), int(text))
for f in [3.9, -3.9, 0.5, -0.5, 1e10, 2.0]:
    print(f, int(f))
print(int(), int(True), int(False))
print(int("ff", 16), int("101", 2), int("z", 36), int("0x1f", 16), int("777", 8))
for bad in ["", "3.5", "abc", "1e3", " ", "12a"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    int(None)
except TypeError as e:
    print("TypeError:", e)
print(str(12345), str(-0), len(str(2 ** 40)), repr(-77))
n = 9876
digits = [int(d) for d in str(n)]
print(digits, sum(digits))
print(int("9223372036854775807"), int(-9223372036854775807) - 1)
