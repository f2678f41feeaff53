# functools.reduce with and without an initial value.
from functools import reduce
print(reduce(lambda a, b: a + b, [1, 2, 3, 4, 5]))
print(reduce(lambda a, b: a * b, range(1, 11)))
print(reduce(lambda a, b: a + b, [], 0), reduce(lambda a, b: a + b, [7]))
print(reduce(lambda acc, w: acc + len(w), ["ab", "cde", "f"], 0))
print(reduce(max, [3, 9, 2, 7]), reduce(lambda a, b: b + a, "abc"))
print(reduce(lambda acc, kv: acc + [kv[0] * kv[1]], [("a", 1), ("b", 2)], []))
steps = []
def trace(a, b):
    steps.append((a, b))
    return a - b
print(reduce(trace, [100, 20, 5, 1]), steps)
try:
    reduce(lambda a, b: a + b, [])
except TypeError as e:
    print("TypeError:", e)
