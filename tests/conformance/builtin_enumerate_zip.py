# enumerate and zip.
fruits = ["apple", "banana", "cherry"]
for i, f in enumerate(fruits):
    print(i, f)
for i, f in enumerate(fruits, start=1):
    print(i, f)
print(list(enumerate("ab")), list(enumerate([], 5)), list(enumerate("xy", -1)))
prices = [1.5, 0.25, 3.0]
print(list(zip(fruits, prices)))
print(dict(zip(fruits, prices)))
print(list(zip("abc", range(10))), list(zip()), list(zip([1, 2])))
print(list(zip([1, 2, 3], "ab", (True, False, None))))
matrix = [[1, 2, 3], [4, 5, 6]]
print(list(zip(*matrix)), [list(col) for col in zip(*matrix)])
names, ages = zip(("ann", 31), ("bob", 25))
print(names, ages)
e = enumerate("xyz")
print(next(e), next(e), list(e))
z = zip([1, 2], [3, 4])
print(next(z), list(z), list(z))
for (i, a), b in zip(enumerate("pq"), "rs"):
    print(i, a, b)
