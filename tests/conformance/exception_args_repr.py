# str() and repr() of exceptions with zero, one or several arguments.
samples = [
    Exception(),
    Exception("one"),
    Exception("two", 2),
    ValueError(3.5),
    KeyError("k"),
    KeyError(0),
    KeyError(),
    KeyError("a", "b"),
    IndexError("list index out of range"),
    RuntimeError(None),
    TypeError(["list", "arg"]),
    StopIteration(5),
    AssertionError(),
    NotImplementedError("subclass must implement"),
    TimeoutError("too slow"),
    OverflowError("big"),
]
for e in samples:
    print(type(e).__name__, repr(e), "|" + str(e) + "|", e.args)
print(KeyError("quote's"), repr(KeyError("quote's")))
print(ValueError('say "hi"'))
