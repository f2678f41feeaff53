# Dict and set comprehensions.
words = ["apple", "banana", "avocado", "cherry", "blueberry"]
print({w: len(w) for w in words})
print({w[0]: w for w in words})
print(sorted({len(w) for w in words}))
print({k: v for k, v in zip("abc", range(3)) if v != 1})
inverse = {v: k for k, v in {"one": 1, "two": 2}.items()}
print(inverse)
squares = {n: n * n for n in range(6)}
print(squares, squares[5])
by_letter = {letter: [w for w in words if w.startswith(letter)] for letter in "abc"}
print(by_letter)
print(sorted({c for c in "hello world" if c != " "}))
print({(x, y): x * y for x in range(2) for y in range(2)})
print({i % 3 for i in range(100)} == {0, 1, 2})
