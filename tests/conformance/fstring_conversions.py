# !r, !s conversions and the = specifier.
s = "text"
n = 42
f = 0.5
items = ["a", 1]
print(f"{s!r} {s!s} {s} {n!r} {items!r}")
print(f"{s=}")
print(f"{n=} {f=} {items=}")
print(f"{n + 1=}")
print(f"{s = }")
print(f"{s=!s}")
print(f"{f=:.3f}")
print(f"{n=:>6}")
print(f"{len(items)=}")
class Thing:
    def __repr__(self):
        return "Thing()"
    def __str__(self):
        return "a thing"
t = Thing()
print(f"{t} {t!r} {t!s} {t=}")
print(f"{s!r:>10}|{n!r:<5}|")
