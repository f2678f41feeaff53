# Chained comparisons evaluate each operand once.
x = 5
print(1 < x < 10, 1 < x > 3, 10 > x >= 5, 1 < x < 3, x == 5 == 5.0)
print(1 < 2 < 3 < 4 < 5, 1 < 2 < 2, 3 > 2 > 1 > 0)
calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(2) < v(3), calls)
calls.clear()
print(v(3) < v(2) < v(1), calls)
calls.clear()
print(v(1) == v(1) != v(2), calls)
a = b = c = [1]
print(a is b is c, a == b == [1], a is not [1])
print(0 <= 3 < len("abcd"), "a" < "b" < "c", (1, 2) < (1, 3) <= (1, 3))
print(1 < 2 == 2 > 1, 1 in [1, 2] in [[1, 2]], 2 not in [1] is not None)
scores = [12, 55, 78, 90, 101, -3]
print([s for s in scores if 0 <= s <= 100])
