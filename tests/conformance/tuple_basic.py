# Tuples: packing, single-element syntax, immutability, comparisons.
t = (1, "two", 3.0)
empty = ()
single = (5,)
not_tuple = (5)
packed = 1, 2, 3
print(t, empty, single, not_tuple, packed, type(single).__name__, type(not_tuple).__name__)
print(len(t), t[0], t[-1], t[1:], t[::-1], t + single, single * 3)
print(tuple(), tuple("ab"), tuple([1, 2]), tuple(range(3)), tuple({"k": 1}))
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
try:
    t.append(4)
except AttributeError as e:
    print("AttributeError:", e)
nested = ((1, 2), (3, (4, 5)))
print(nested, nested[1][1][0])
holder = ([1], [2])
holder[0].append(99)
print(holder)
print((1, 2) < (1, 3), (1, 2, 3) > (1, 2), () < (0,), (1, 2) == (1, 2))
coords = [(3, 1), (1, 2), (1, 1), (2, 5)]
print(sorted(coords), min(coords), max(coords, key=lambda c: c[1]))
print(("a",) * 2, 2 in (1, 2), ((),), ((), ()))
def minmax(xs):
    return min(xs), max(xs)
lo, hi = minmax([4, 9, 1])
print(lo, hi, minmax("hello"))
print(str((1,)), repr(("x", None)))
