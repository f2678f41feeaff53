# List comprehensions: filters, nesting, multiple for clauses.
nums = range(10)
print([n * n for n in nums])
print([n for n in nums if n % 3 == 0])
print([(x, y) for x in range(3) for y in range(3) if x != y])
print([[x * y for y in range(1, 4)] for x in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for row in matrix for i in range(len(row)) if i == 0])
print([[row[i] for row in matrix] for i in range(3)])
print([c.upper() for c in "hello" if c not in "aeiou"])
print([x if x > 0 else 0 for x in [-2, 5, -1, 3]])
print([len(w) for w in "the quick brown fox".split()])
print([i for i in range(20) if i % 2 if i % 3])
print([(i, c) for i, c in enumerate("abc")])
words = ["apple", "banana", "cherry"]
print([w[0] + str(len(w)) for w in words], [w for w in words if "an" in w])
print([y for x in [[1, [2]], [3]] for y in x])
