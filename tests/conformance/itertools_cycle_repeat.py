# itertools.cycle and repeat.
from itertools import cycle, repeat, islice
print(list(islice(cycle("abc"), 8)))
print(list(islice(cycle([1, 2]), 5)), list(islice(cycle([]), 5)))
colors = cycle(["red", "green"])
for item in ["a", "b", "c", "d", "e"]:
    print(item, next(colors))
print(list(repeat("x", 3)), list(repeat(0, 0)), list(islice(repeat(7), 4)))
print(list(map(lambda a, b: a * b, range(5), repeat(10))))
print(list(zip("abc", repeat(None))))
grid = [list(repeat(".", 4)) for _ in range(2)]
print(grid)
