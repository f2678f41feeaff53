# sorted with key and reverse; stability.
data = [5, 2, 8, 1, 9, 2]
print(sorted(data), sorted(data, reverse=True), data)
print(sorted("python"), sorted(("b", "a")), sorted({"z": 1, "y": 2}), sorted({3, 1, 2}))
words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(sorted(words))
print(sorted(words, key=lambda w: w.lower()))
print(sorted(words, key=len), sorted(words, key=len, reverse=True))
records = [("ann", "b", 3), ("bob", "a", 1), ("cy", "b", 1), ("di", "a", 3)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: (r[1], -r[2])))
print(sorted(records, key=lambda r: r[2], reverse=True))
by_second = sorted(records, key=lambda r: r[2])
print(sorted(by_second, key=lambda r: r[1]))
print(sorted([3.5, -1, 2, 0.0, -0.5]), sorted([], reverse=True))
print(sorted([[2, 1], [1, 2], [1, 1, 1]]), sorted([(1, "b"), (1, "a"), (0, "z")]))
scores = {"ann": 88, "bob": 95, "cy": 88, "di": 70}
print(sorted(scores, key=scores.get, reverse=True))
print(sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])))
