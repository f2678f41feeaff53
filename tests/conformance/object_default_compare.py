# object's own rich comparisons: NotImplemented for ordering, identity for ==, != inverting ==
for name in ['__lt__', '__le__', '__gt__', '__ge__', '__eq__', '__ne__']:
    f = getattr(object, name)
    print(name, f(1, 2), f(1, 1), f('a', 'b'))
print(object.__eq__(None, None), object.__ne__(None, None))
o = object()
print(object.__eq__(o, o), object.__ne__(o, o), object.__lt__(o, o))
class A:
    def __eq__(self, other):
        return 'custom'
a = A()
print(object.__ne__(a, a), object.__eq__(a, a), a.__ne__(a), a != a)
class B:
    def __lt__(self, other):
        return super().__lt__(other)
try:
    B() < B()
except TypeError as e:
    print('TypeError', e)
print(B().__lt__(B()), B().__gt__(1), B().__eq__(1))
