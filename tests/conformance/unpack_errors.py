# The messages of failed unpacking.
def attempt(label, fn):
    try:
        print(label, fn())
    except Exception as e:
        print(label, type(e).__name__, e)

def two(seq):
    a, b = seq
    return a, b

def three(seq):
    a, b, c = seq
    return a, b, c

def star(seq):
    a, b, *c = seq
    return a, b, c

attempt("two ok", lambda: two([1, 2]))
attempt("two short", lambda: two([1]))
attempt("two long", lambda: two([1, 2, 3]))
attempt("three short", lambda: three("ab"))
attempt("three long", lambda: three(range(5)))
attempt("star ok", lambda: star([1, 2]))
attempt("star short", lambda: star([1]))
attempt("not iterable", lambda: two(5))
attempt("none", lambda: two(None))
attempt("dict", lambda: two({"a": 1, "b": 2}))
