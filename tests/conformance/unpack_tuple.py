# Tuple and list unpacking, swaps, nested targets.
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
a, b, c = "xyz"
print(a, b, c)
[d, e] = (10, 20)
print(d, e)
(f, g), h = (1, 2), 3
print(f, g, h)
pairs = [(1, "one"), (2, "two"), (3, "three")]
for num, word in pairs:
    print(num, word)
for i, (x, y) in enumerate([(0, 1), (2, 3)]):
    print(i, x, y)
point = {"x": 3, "y": 4}
kx, ky = point
print(kx, ky)
vx, vy = point.values()
print(vx, vy)
m = [[1, 2], [3, 4]]
(r1c1, r1c2), (r2c1, r2c2) = m
print(r1c1 + r2c2, r1c2 + r2c1)
x, y, z = [n * n for n in range(3)]
print(x, y, z)
a = b = c = 0
a, b = b + 1, a + 2
print(a, b)
lst = [0, 0, 0]
i = 0
i, lst[i] = 1, 5
print(i, lst)
