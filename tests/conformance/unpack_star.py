# Starred assignment targets.
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = [1, 2, 3, 4]
print(init, last)
a, *middle, z = "abcdef"
print(a, middle, z)
head, *tail = [42]
print(head, tail)
x, *y, w = 1, 2
print(x, y, w)
*everything, = range(5)
print(everything)
for k, *vals in [("a", 1, 2), ("b",), ("c", 3)]:
    print(k, vals)
(p, *q), r = [1, 2, 3], 4
print(p, q, r)
a, *b = (i * 10 for i in range(4))
print(a, b, type(b).__name__)
*s, = "hey"
print(s)
nums = [5, 3, 8, 1]
lo, *_, hi = sorted(nums)
print(lo, hi)
