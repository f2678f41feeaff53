# round(): banker's rounding for ties, ndigits, and floats that are not quite ties.
for x in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 2.4999, 2.5001]:
    print(x, round(x), type(round(x)).__name__)
for x, n in [(2.675, 2), (1.005, 2), (3.14159, 3), (1234.5678, -2), (0.125, 2), (0.375, 2), (-2.5, 0), (9.995, 2)]:
    print(x, n, round(x, n))
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(7, 0))
print(round(10 / 3, 2), round(2 / 3, 5), round(1e16 + 0.5), round(0.1 + 0.2, 15))
print(round(5), round(-5), round(1.0), round(-0.4), type(round(2.5, 1)).__name__)
