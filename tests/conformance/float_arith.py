# Float arithmetic, mixed with ints, floor division and modulo.
a, b = 7.5, 2.0
print(a + b, a - b, a * b, a / b, a // b, a % b, a ** b)
print(-7.5 // 2, -7.5 % 2, 7.5 // -2, 7.5 % -2)
print(1 + 2.0, 3 * 0.5, 10 / 4, 10 // 4.0, 2 ** 0.5, 4 ** 0.5, 8 ** (1 / 3))
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(1.0, 0.1))
print(0.1 * 3, 1e300 * 1e10, -1e300 * 1e10, 1e-320 / 1e10)
print(abs(-2.5), -(-0.0), 3.0 == 3, 0.5 < 1, float(7) / 2)
print(round(2.675, 2), round(1 / 3, 4), 1.0 + 1e-16 == 1.0)
total = 0.0
for i in range(10):
    total += 0.1
print(total, total == 1.0)
print(sum([0.1] * 10), 2.5 * 4, 9.99 * 100)
try:
    1.5 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    1.5 // 0.0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    5.0 % 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
