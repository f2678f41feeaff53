# List operators: +, *, in, comparisons, aliasing and copies.
a = [1, 2]
b = [3]
c = a + b
print(c, a, b, c is a)
print(a * 3, [a] * 2)
grid = [[0] * 2] * 2
grid[0][0] = 1
print("aliased rows:", grid)
grid = [[0] * 2 for _ in range(2)]
grid[0][0] = 1
print("independent rows:", grid)
x = [1, [2, 3]]
y = x.copy()
y[1].append(4)
y[0] = 99
print(x, y)
print([1, 2] == [1, 2], [1, 2] is [1, 2], [1, 2] != [2, 1], [3] > [2, 9])
try:
    [1] + (2,)
except TypeError as e:
    print("TypeError:", e)
try:
    [1] * "2"
except TypeError as e:
    print("TypeError:", e)
nested = [[1, 2], [3, 4], [5]]
print(sum(nested, []), [n for row in nested for n in row])
print(len([[]]), [[]] == [[]], [] in [[]])
