# Calls with *iterable and **mapping unpacking.
def show(a, b, c=0, *rest, **kw):
    print(a, b, c, rest, kw)

args = [1, 2]
show(*args)
show(*args, 3)
show(*"xy")
show(*range(6))
show(0, *[1], c=2)
opts = {"c": 30, "flag": True}
show(1, 2, **opts)
show(**{"a": "A", "b": "B"})
show(*[1, 2], *(3, 4), **{"x": 1}, **{"y": 2})
print(*[1, 2, 3], sep=" | ")
print(*"abc")
pairs = [(1, 2), (3, 4), (5, 6)]
print(*zip(*pairs))
words = ["b", "a", "c"]
print(sorted(words), *sorted(words))
def pair(x, y):
    return x * 10 + y
print([pair(*p) for p in pairs])
