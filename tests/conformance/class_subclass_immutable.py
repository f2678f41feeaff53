# Subclasses of str, tuple and frozenset with their own __init__ and/or __new__.
class Tag(str):
    def __init__(self, v):
        self.extra = 1
print(Tag('x'), Tag('x').extra, repr(Tag('y')), Tag('ab').upper(), len(Tag('abc')))
print(type(Tag('x')).__name__, Tag('x') == 'x', Tag('q') + 'r', isinstance(Tag(''), str))

class Upper(str):
    def __new__(cls, v):
        return super().__new__(cls, v.upper())
u = Upper('hi')
print(u, type(u).__name__, isinstance(u, str), u + '!')

class Both(str):
    def __new__(cls, v, n):
        obj = str.__new__(cls, v * n)
        obj.n = n
        return obj
    def __init__(self, v, n):
        self.v = v
b = Both('ab', 3)
print(b, b.n, b.v, f'{b:>8}|', b.count('a'))

class Pair(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    def __init__(self, a, b):
        self.total = a + b
p = Pair(1, 2)
print(p, p.total, len(p), p[0], type(p).__name__)

class Triple(tuple):
    def __init__(self, items):
        self.size = len(self)
t = Triple([4, 5, 6])
print(t, t.size, t[1:], sum(t))

class Frozen(frozenset):
    def __init__(self, items):
        self.label = 'frozen'
fz = Frozen([3])
print(fz, fz.label, 3 in fz)

class Name(str):
    pass
print(Name('plain'), Name('a') == 'a')

class Weird(str):
    def __new__(cls, *args):
        return 42
print(Weird('x'))

class Other(str):
    def __new__(cls, v):
        return str(v)
    def __init__(self, v):
        print('never')
print(repr(Other('q')))

class Bad(str):
    def __init__(self, v, w):
        self.w = w
for args in [('a',), ('a', 2)]:
    try:
        Bad(*args)
    except TypeError as e:
        print('TypeError', e)

class Labeled(str):
    def __init__(self, text, label='?'):
        self.label = label
l = Labeled('hello')
print(l, l.label, l.title())

class Point(tuple):
    def __new__(cls, x, y):
        self = super().__new__(cls, [x, y])
        return self
    @property
    def x(self):
        return self[0]
print(Point(3, 4).x, Point(3, 4))
for bad in [lambda: str.__new__(int, 'x'), lambda: str.__new__(5), lambda: str.__new__()]:
    try:
        bad()
    except TypeError as e:
        print('TypeError', e)
