# collections.namedtuple.
from collections import namedtuple
Point = namedtuple("Point", ["x", "y"])
p = Point(3, 4)
print(p, p.x, p.y, p[0], p[1], len(p))
x, y = p
print(x + y, p == (3, 4), isinstance(p, tuple))
q = Point(y=10, x=-1)
print(q, q._replace(x=0), q._replace(y=0))
Color = namedtuple("Color", "red green blue")
white = Color(255, 255, 255)
print(white, white.green, Color._fields)
people = [namedtuple("Person", "name age")("ann", 31), namedtuple("Person", "name age")("bob", 25)]
print(sorted(people, key=lambda p: p.age))
print([pp.name for pp in people], repr(Point(1.5, "s")))
try:
    Point(1)
except TypeError as e:
    print("TypeError:", e)
try:
    p.x = 5
except AttributeError as e:
    print("AttributeError:", e)
