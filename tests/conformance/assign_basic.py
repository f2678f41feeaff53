# Plain, chained and multiple assignment; names rebinding to new objects.
a = 1
b = c = 2
print(a, b, c)
x = y = []
x.append(1)
print(x, y, x is y)
x = [9]
print(x, y, x is y)
n = 10
n = n + 5
print(n)
s = "abc"
t = s
s = s + "d"
print(s, t)
first, second = "hi"
print(first, second)
i, j, k = range(3)
print(i, j, k)
p = q = r = "same"
print(p, q, r, p is q)
total = 0
for v in [1, 2, 3]:
    total = total + v
print("total", total)
