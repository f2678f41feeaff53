# @dataclass generates __init__, __repr__ and __eq__.
from dataclasses import dataclass

@dataclass
class Point:
    x: int
    y: int = 0

@dataclass
class Item:
    name: str
    price: float
    qty: int = 1

    def total(self):
        return self.price * self.qty

p = Point(1, 2)
print(p, Point(5), Point(y=3, x=4))
print(p == Point(1, 2), p == Point(2, 1), p.x, p.y)
p.x = 10
print(p)
items = [Item("pen", 1.5, 4), Item("book", 12.0), Item("bag", 30.25, 2)]
for it in items:
    print(it, it.total())
print(sorted(items, key=lambda i: i.total()))
print(max(items, key=lambda i: i.price).name, sum(i.total() for i in items))
try:
    Point()
except TypeError as e:
    print("TypeError:", e)
print(repr(Item("q'uote", 0.1 + 0.2)))
