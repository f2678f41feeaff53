# A custom iterator class consumed by for, list, zip and next.
class Fib:
    def __init__(self, limit):
        self.limit = limit
        self.a, self.b = 0, 1
    def __iter__(self):
        return self
    def __next__(self):
        if self.a > self.limit:
            raise StopIteration
        value = self.a
        self.a, self.b = self.b, self.a + self.b
        return value

print(list(Fib(100)))
f = Fib(10)
for n in f:
    print(n, end=" ")
print()
print(list(f))

class Cycle:
    def __init__(self, items, times):
        self.items = items
        self.times = times
        self.i = 0
    def __iter__(self):
        return self
    def __next__(self):
        if self.i >= len(self.items) * self.times:
            raise StopIteration
        item = self.items[self.i % len(self.items)]
        self.i += 1
        return item
print(list(Cycle("ab", 3)))
print(dict(zip(Cycle(["k1", "k2"], 1), Fib(5))))
