# randrange, randint and uniform over many ranges, including large ones.
import random
random.seed(7)
print([random.randrange(1, 2) for _ in range(3)], [random.randrange(-5, 5) for _ in range(6)])
print([random.randrange(100, 0, -7) for _ in range(6)], [random.randint(-3, 3) for _ in range(8)])
print([random.randrange(2 ** 20) for _ in range(3)], [random.randrange(10 ** 12) for _ in range(3)])
print([random.randint(0, 2 ** 40) for _ in range(2)], random.randrange(1 << 31), random.randrange(1 << 32))
print([round(random.uniform(0, 1), 6) for _ in range(4)], random.uniform(3, 3))
rolls = [random.randint(1, 6) + random.randint(1, 6) for _ in range(200)]
counts = {}
for r in rolls:
    counts[r] = counts.get(r, 0) + 1
print(sorted(counts.items()))
try:
    random.randrange(0)
except ValueError as e:
    print("ValueError:", e)
try:
    random.randint(5, 1)
except ValueError as e:
    print("ValueError:", e)
random.seed(123456789)
print(random.random(), random.randrange(1000000))
