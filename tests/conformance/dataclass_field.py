# dataclasses.field with default_factory and defaults; order and frozen.
from dataclasses import dataclass, field

@dataclass
class Inventory:
    owner: str
    items: list = field(default_factory=list)
    tags: dict = field(default_factory=dict)
    count: int = field(default=0)

a = Inventory("ann")
b = Inventory("bob")
a.items.append("sword")
a.tags["level"] = 3
print(a)
print(b)
print(a.items is b.items)

@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0

vs = [Version(1, 2), Version(0, 9, 9), Version(1, 0, 5), Version(1, 2)]
print(sorted(vs))
print(Version(1) < Version(1, 0, 1), max(vs), vs[0] == vs[3])

@dataclass(frozen=True)
class Money:
    amount: int
    currency: str = "EUR"

m = Money(5)
print(m)
try:
    m.amount = 10
except Exception as e:
    print(type(e).__name__, e)

@dataclass
class Node:
    value: int
    children: list = field(default_factory=list)
    def add(self, v):
        child = Node(v)
        self.children.append(child)
        return child
root = Node(1)
root.add(2).add(3)
root.add(4)
print(root)
