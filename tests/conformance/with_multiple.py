# Several context managers in one with statement: entered left to right, exited in reverse.
class Res:
    def __init__(self, name, fail_enter=False):
        self.name = name
        self.fail_enter = fail_enter
    def __enter__(self):
        if self.fail_enter:
            raise RuntimeError("cannot open " + self.name)
        print("open", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("close", self.name, "with", repr(ev))
        return False

with Res("a") as a, Res("b") as b:
    print("using", a, b)
try:
    with Res("x") as x, Res("y", fail_enter=True) as y:
        print("unreachable")
except RuntimeError as e:
    print("caught", e)
try:
    with Res("p"), Res("q"):
        raise KeyError("inner")
except KeyError as e:
    print("caught", repr(e))
with Res("outer"):
    with Res("inner"):
        print("nested")
