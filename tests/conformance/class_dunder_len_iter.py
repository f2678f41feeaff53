# __len__, __iter__ and __next__ make objects sized and iterable.
class Countdown:
    def __init__(self, start):
        self.start = start
    def __iter__(self):
        return CountdownIter(self.start)
    def __len__(self):
        return self.start

class CountdownIter:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1

c = Countdown(4)
print(len(c), list(c), list(c))
for x in c:
    print("tick", x)
print(sum(c), max(c), sorted(c), 3 in c, 9 in c)
print(bool(Countdown(0)), bool(Countdown(2)))
if not Countdown(0):
    print("empty countdown is falsy")
it = iter(c)
print(next(it), next(it), next(it), next(it), next(it, "end"))
print(list(zip(c, "abcd")), list(enumerate(c)))
a, b, *rest = c
print(a, b, rest)

class Bag:
    def __init__(self, *items):
        self.items = list(items)
    def __len__(self):
        return len(self.items)
    def __iter__(self):
        return iter(self.items)
bag = Bag("x", "y", "z")
print(len(bag), "-".join(bag), [i.upper() for i in bag])
