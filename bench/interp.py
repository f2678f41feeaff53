# Interpreter-bound benchmark: runs in about 1-2 s on CPython 3.11 and prints
# one checksum line per section plus a total, so outputs can be compared exactly.
# Every intermediate value stays well inside 64-bit integers.

MOD = 1000000007


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def section_calls():
    return sum(fib(25) for _ in range(5))


def section_int_loops():
    acc = 0
    for i in range(1000000):
        acc = (acc * 31 + i * i - (i // 7) + i % 13) % MOD
    return acc


def section_float():
    x = 0.0
    y = 1.0
    for i in range(1, 1500000):
        x += 1.0 / i
        y = y * 0.999999 + x / (i + 1.5)
    return int(x * 1000000) + int(y * 1000)


def section_lists():
    xs = []
    for i in range(200000):
        xs.append((i * 7919) % 10007)
    xs.sort()
    total = 0
    for i in range(0, len(xs), 3):
        total += xs[i]
    ys = [v * 2 for v in xs if v % 3 == 0]
    ys.sort(reverse=True)
    return (total + sum(ys[:100]) + len(ys) + xs.index(5000)) % MOD


def section_dicts():
    d = {}
    for i in range(120000):
        d[i * 3] = i
    hits = 0
    for i in range(360000):
        if i in d:
            hits += d[i]
    words = {}
    for i in range(80000):
        key = "k" + str(i % 997)
        words[key] = words.get(key, 0) + i
    return (hits + sum(words.values()) + len(words)) % MOD


def section_strings():
    parts = []
    for i in range(80000):
        parts.append(str(i * 3))
    s = ",".join(parts)
    pieces = s.split(",")
    count = 0
    for p in pieces:
        if p.endswith("7"):
            count += len(p)
    text = ""
    for i in range(5000):
        text += chr(97 + i % 26)
    return count + len(s) + text.count("abc") + len(text.upper())


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def scale(self, k):
        return Vec(self.x * k, self.y * k)

    def dot(self, other):
        return self.x * other.x + self.y * other.y


class Particle:
    def __init__(self, i):
        self.pos = Vec(i, -i)
        self.vel = Vec(1, 2)

    def step(self):
        self.pos = self.pos.add(self.vel)
        if self.pos.dot(self.vel) > 1000:
            self.vel = self.vel.scale(-1)


def section_objects():
    ps = [Particle(i) for i in range(100)]
    for _ in range(4000):
        for p in ps:
            p.step()
    return sum(p.pos.x * 3 + p.pos.y for p in ps) % MOD


SECTIONS = [
    ("calls", section_calls),
    ("int_loops", section_int_loops),
    ("float", section_float),
    ("lists", section_lists),
    ("dicts", section_dicts),
    ("strings", section_strings),
    ("objects", section_objects),
]

ROUNDS = 2
checksum = 0
for round_number in range(ROUNDS):
    for name, fn in SECTIONS:
        value = fn()
        checksum = (checksum * 131 + value) % MOD
        if round_number == ROUNDS - 1:
            print(f"{name:<10} {value}")
print("checksum", checksum)
