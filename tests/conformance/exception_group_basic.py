# ExceptionGroup construction, str, repr and .exceptions.
eg = ExceptionGroup("batch failed", [ValueError("x"), TypeError("y")])
print(eg)
print(repr(eg))
print(eg.message, len(eg.exceptions))
for e in eg.exceptions:
    print(" ", type(e).__name__, e)
print(isinstance(eg, Exception), type(eg.exceptions).__name__)
single = ExceptionGroup("one", [RuntimeError("r")])
print(single, repr(single.exceptions[0]))
nested = ExceptionGroup("top", [single, KeyError("k")])
print(nested, repr(nested))
try:
    ExceptionGroup("empty", [])
except ValueError as e:
    print("ValueError:", e)
try:
    raise ExceptionGroup("caught as a whole", [ZeroDivisionError("z")])
except ExceptionGroup as e:
    print("caught:", e, e.exceptions)
def collect(tasks):
    errors = []
    for name, fn in tasks:
        try:
            fn()
        except Exception as exc:
            errors.append(exc)
    if errors:
        raise ExceptionGroup("collected " + str(len(errors)) + " errors", errors)
try:
    collect([("a", lambda: 1 / 0), ("b", lambda: 2), ("c", lambda: [][3])])
except ExceptionGroup as g:
    print(g)
    for e in g.exceptions:
        print(" -", repr(e))
