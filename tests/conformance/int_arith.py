# Integer arithmetic: +, -, *, /, //, %, ** and unary minus.
pairs = [(17, 5), (-17, 5), (17, -5), (-17, -5), (0, 3), (5, 17), (123456789, 1000)]
for a, b in pairs:
    print(a, b, "|", a + b, a - b, a * b, a / b, a // b, a % b, divmod(a, b))
print(2 ** 10, 2 ** 0, 0 ** 0, (-2) ** 3, -2 ** 2, 2 ** -1, 10 ** -2)
print(7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3)
print(+5, -(-5), -0, abs(-12))
print(1 + 2 * 3 - 4 / 2, (1 + 2) * 3, 2 * 3 ** 2, -3 ** 2)
print(10 / 2, type(10 / 2).__name__, 9 / 3 == 3)
print(1_000_000 * 3, 0xff, 0o17, 0b1010, 0xFF_FF)
print(3 * True, True + True, False - 1)
big = 9_000_000_000_000_000_000
print(big, big + 223372036854775807, -big)
print(3037000499 * 3037000499)
