# Error messages of list methods.
xs = [1, 2, 3]
tests = [
    ("pop empty", lambda: [].pop()),
    ("pop index", lambda: xs.pop(10)),
    ("remove missing", lambda: xs.remove(99)),
    ("index missing", lambda: xs.index(42)),
    ("index str missing", lambda: ["a"].index("b")),
    ("insert bad", lambda: xs.insert("0", 1)),
    ("sort mixed", lambda: [1, "a"].sort()),
    ("extend int", lambda: xs.extend(5)),
]
for label, fn in tests:
    try:
        print(label, fn())
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)
print(xs)
