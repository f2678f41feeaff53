# contextlib.suppress ignores the listed exceptions.
from contextlib import suppress

with suppress(KeyError):
    {}["missing"]
    print("not reached")
print("after KeyError")
with suppress(ValueError, TypeError):
    int("x")
with suppress(ValueError, TypeError):
    None + 1
print("after two kinds")
with suppress(LookupError):
    [][0]
print("base class works")
try:
    with suppress(KeyError):
        1 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError escapes:", e)
with suppress(Exception):
    print("no exception at all")
results = []
for v in ["1", "x", "3", None]:
    with suppress(ValueError, TypeError):
        results.append(int(v))
print(results)
