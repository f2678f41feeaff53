# One past the 64-bit limit: CPython grows the integer.
print(2 ** 62, 2 ** 62 + (2 ** 62 - 1))
print(2 ** 63)
print(9223372036854775807 + 1)
print(-(2 ** 63) - 1)
