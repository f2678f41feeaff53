# iter() and next() with and without defaults.
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "done"), next(it, None))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e))
s = iter("ab")
print(next(s), list(s))
d = iter({"k1": 1, "k2": 2})
print(next(d), next(d))
r = iter(range(3))
print(iter(r) is r, list(r))
try:
    iter(42)
except TypeError as e:
    print("TypeError:", e)
try:
    next([1, 2])
except TypeError as e:
    print("TypeError:", e)
lines = iter(["header", "row1", "row2"])
header = next(lines)
print(header, [row for row in lines])
def first(iterable, default=None):
    return next(iter(iterable), default)
print(first([9, 8]), first([]), first("", "empty"), first(x for x in range(10) if x > 6))
