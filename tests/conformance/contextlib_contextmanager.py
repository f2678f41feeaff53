# contextlib.contextmanager generator-based context managers.
from contextlib import contextmanager

@contextmanager
def tag(name):
    print("<" + name + ">")
    try:
        yield name.upper()
    finally:
        print("</" + name + ">")

with tag("div") as t:
    print("content", t)

with tag("outer"):
    with tag("inner"):
        print("deep")

try:
    with tag("err"):
        raise ValueError("inside")
except ValueError as e:
    print("caught", e)

@contextmanager
def swallow(kind):
    try:
        yield
    except kind as e:
        print("swallowed", type(e).__name__, e)

with swallow(KeyError):
    {}["k"]
print("continued")
try:
    with swallow(KeyError):
        1 / 0
except ZeroDivisionError as e:
    print("not swallowed:", e)

@contextmanager
def counter():
    state = {"n": 0}
    yield state
    print("final count", state["n"])

with counter() as st:
    for _ in range(3):
        st["n"] += 1

def use():
    with tag("fn"):
        return "early return"
print(use())
