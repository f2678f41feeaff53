# repr() versus str() for built-in values.
values = ["text", "it's", 'a "b"', "", 42, -1.5, 1e100, None, True, [1, "x"], ("t",), {"k": "v"}, set(), range(3)]
for v in values:
    print(str(v), "|", repr(v))
print(repr(repr("x")), str(str("x")), repr(str(1)), str(repr(1)))
print(repr(ValueError("bad")), str(ValueError("bad")))
print(repr(1.0), repr(0.1), repr(2 ** 0.5), repr(1 / 7))
print(repr("\n"), str("\n") == "\n", repr("\\n"))
