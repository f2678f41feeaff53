# Class attributes versus instance attributes, shared mutable state.
class Counter:
    total = 0
    shared_list = []

    def __init__(self, name):
        self.name = name
        self.own_list = []
        Counter.total += 1

    def add(self, v):
        self.shared_list.append(v)
        self.own_list.append(v)

a = Counter("a")
b = Counter("b")
a.add(1)
b.add(2)
print(Counter.total, a.total, b.total)
print(a.shared_list, b.shared_list, a.own_list, b.own_list)
a.total = 99
print(a.total, b.total, Counter.total)
Counter.total = 0
print(a.total, b.total)
print(getattr(a, "name"), getattr(b, "missing", "default"))
setattr(b, "color", "red")
print(b.color, hasattr(b, "color"), hasattr(a, "color"))
class Settings:
    DEFAULTS = {"x": 1}
    def __init__(self, **kw):
        self.values = dict(self.DEFAULTS)
        self.values.update(kw)
print(Settings(y=2).values, Settings().values, Settings.DEFAULTS)
