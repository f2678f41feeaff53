# Context managers written as classes with __enter__/__exit__.
class Tag:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("<" + self.name + ">")
        return self
    def __exit__(self, exc_type, exc, tb):
        print("</" + self.name + ">", exc_type.__name__ if exc_type else None)
        return False

with Tag("p") as t:
    print("inside", t.name)

class Suppress:
    def __init__(self, *kinds):
        self.kinds = kinds
    def __enter__(self):
        return "no value needed"
    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            print("clean exit")
            return False
        print("saw", exc_type.__name__, exc)
        return issubclass(exc_type, self.kinds)

with Suppress(KeyError) as v:
    print(v)
with Suppress(KeyError):
    {}["missing"]
print("after suppressed KeyError")
try:
    with Suppress(KeyError):
        raise ValueError("not suppressed")
except ValueError as e:
    print("escaped:", e)

def use():
    with Tag("fn"):
        return "returned from inside with"
print(use())
for i in range(3):
    with Tag("loop" + str(i)):
        if i == 1:
            continue
        if i == 2:
            break
        print("body", i)
