# TypeError messages for bad calls.
def f(a, b):
    return a + b

def g(x, *, key):
    return x, key

def h():
    return 0

five = 5
text = "abc"
nothing = None

class K:
    def m(self, v):
        return v

tests = [
    ("missing one", lambda: f(1)),
    ("missing two", lambda: f()),
    ("too many", lambda: f(1, 2, 3)),
    ("unexpected kw", lambda: f(1, 2, z=3)),
    ("multiple values", lambda: f(1, a=2)),
    ("kwonly missing", lambda: g(1)),
    ("kwonly positional", lambda: g(1, 2)),
    ("no args", lambda: h(1)),
    ("method", lambda: K().m()),
    ("method many", lambda: K().m(1, 2)),
    ("not callable", lambda: five()),
    ("str not callable", lambda: text()),
    ("none not callable", lambda: nothing()),
]
for label, fn in tests:
    try:
        fn()
        print(label, "ok")
    except TypeError as e:
        print(label, "->", e)
