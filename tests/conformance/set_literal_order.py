# Iteration order of set displays: CPython folds a display of 3+ constants (and an
# iterated set of constants) into a frozenset constant that its constant cache rebuilds.
print({63, 97, 57})
print({1, 2, 3, 100, 33, 65})
x = [5, 37]
print({1, 2, 3, *x})
print({v for v in (63, 97, 57)})
print(set([63, 97, 57]))
print({63.5, 97, None, True, 57, (1,2)})
print({-1, -2, 1000000, 2**40})
print(frozenset({63, 97, 57}))
for x in {63, 97, 57}:
    print(x)
print([x for x in {63, 97, 57}])
print(5 in {63, 97, 57})
print({63, 97, 57, -1, -9})
print({63, 97, 57, (1, -1)})
print({1.5, 2.5, 3.5, 9.5, 17.5})
print({0, 8, 16, 24})
print({0, 8})
s = {0, 8, 16, 24, 32, 40, 48, 56}
print(s)
a = {3, 1, 2, 11, 19, 27}
b = {27, 19, 11, 3, 2, 1}
print(a, b)
print({27, 19, 11, 3, 2, 1, 35})
print({1, True, 1.0})
print({True, 1, 9, 17})
print({0.0, -0.0, 8, 16})
print({-0.0, 0.0, 8, 16})
print({(1, 2), (2, 1), (-1, 7), 63, 97})
print({2 * 3, 14, 22, 30, 6})
print({1, 1, 1})
print({1, 9, 17, 25, 33, 41, 49, 57, 65, 73, 81, 89, 97, 105, 113, 121, 129, 137, 145, 153, 161, 169, 177, 185, 193, 201, 209, 217, 225, 233, 241, 249, 257, 265, 273})
x = {63, 97, 57}
y = {57, 97, 63}
print(x, y, x == y)
for v in {57, 97, 63}:
    print(v, end=' ')
print()
print(sorted({5, 3, 1}))
print({*{63, 97, 57}, 1})
print({1, 2, *{63, 97, 57}})
s = set()
s.update({63, 97, 57})
print(s)
print(set({63, 97, 57}))
print(set((63, 97, 57)))
print(frozenset((63, 97, 57)))
print({None, 8, 16, 24, 5.5})
def f():
    return {57, 63, 97, 9}
print(f())
print({v * 8 for v in range(10)})
print({v for v in {64, 32, 128, 8}})
print([v for v in {64, 32, 128, 8, 1000, 7}])
print({64, 32, 128, 8, 1000, 7})
print({-5, -13, -21, 3})
