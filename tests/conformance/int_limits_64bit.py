# Integers near the 64-bit limits, without crossing them.
MAX = 9223372036854775807
MIN = -MAX - 1
print(MAX, MIN)
print(MAX - 1, MIN + 1, MAX // 2, MIN // 2, MAX % 10, MIN % 10)
print(2 ** 62, 2 ** 62 - 1 + 2 ** 62, -(2 ** 62) * 2)
print(MAX // 3, MAX % 1000, -MAX // 7)
print(4611686018427387904 + 4611686018427387903)
print(10 ** 18, 10 ** 18 * 9, 999_999_999 * 999_999_999)
print(abs(MIN + 1), -MAX)
print(MAX > 10 ** 18, MIN < -(10 ** 18), MAX == 4611686018427387903 * 2 + 1)
print(float(MAX), float(2 ** 53), float(2 ** 53 + 1), int(float(2 ** 53)))
print(str(MAX)[::-1], len(str(MIN)))
