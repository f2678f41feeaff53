# __repr__ and __str__: which one print, str(), repr() and containers use.
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __repr__(self):
        return "Point(" + repr(self.x) + ", " + repr(self.y) + ")"

class Temperature:
    def __init__(self, c):
        self.c = c
    def __repr__(self):
        return "Temperature(" + str(self.c) + ")"
    def __str__(self):
        return str(self.c) + " C"

class OnlyStr:
    def __str__(self):
        return "only str"

p = Point(1, "two")
t = Temperature(21.5)
print(p)
print(str(p), repr(p))
print(t)
print(str(t), repr(t))
print([p, t])
print({"t": t}, (t,))
print(f"{t} {t!r} {p}")
print(str(OnlyStr()))
print(OnlyStr().__str__())
print("formatted: {} {!r}".format(t, t))
