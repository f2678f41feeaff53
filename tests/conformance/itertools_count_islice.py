# itertools.count and islice.
from itertools import count, islice
c = count()
print(next(c), next(c), next(c))
print(list(islice(count(10), 5)), list(islice(count(0, 5), 4)), list(islice(count(1.5, 0.5), 3)))
print(list(islice(count(10, -3), 4)))
print(list(islice("abcdefg", 3)), list(islice("abcdefg", 2, 5)), list(islice(range(20), 0, 20, 6)))
print(list(islice([1, 2], 10)), list(islice([], 3)), list(islice(range(10), 5, None)))
for i, letter in zip(count(1), "xyz"):
    print(i, letter)
def squares():
    for n in count(1):
        yield n * n
print(list(islice(squares(), 8)))
print(list(islice((x for x in count() if x % 7 == 3), 4)))
it = iter(range(10))
print(list(islice(it, 3)), list(islice(it, 3)), list(it))
