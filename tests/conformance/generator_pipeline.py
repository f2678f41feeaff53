# Chaining generators into a data pipeline.
LINES = [
    "# config",
    "alpha = 1",
    "",
    "beta = 22",
    "   gamma=333  ",
    "# end",
    "delta = 4",
]

def stripped(lines):
    for line in lines:
        yield line.strip()

def non_comment(lines):
    for line in lines:
        if line and not line.startswith("#"):
            yield line

def parsed(lines):
    for line in lines:
        key, value = line.split("=")
        yield key.strip(), int(value)

def running_total(pairs):
    total = 0
    for key, value in pairs:
        total += value
        yield key, value, total

for key, value, total in running_total(parsed(non_comment(stripped(LINES)))):
    print(f"{key:<6}{value:>5}{total:>6}")

def take(n, it):
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x

def naturals():
    n = 1
    while True:
        yield n
        n += 1

print(list(take(5, (n * n for n in naturals() if n % 3 == 0))))
