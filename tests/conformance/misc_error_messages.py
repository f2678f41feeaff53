# namedtuple attribute errors, f(*x) with a non-iterable x, builtin module reprs.
from collections import namedtuple
P = namedtuple('P', 'x y')
p = P(1, 2)
try:
    p.x = 5
except AttributeError as e:
    print('AttributeError', e)
try:
    p.z = 5
except AttributeError as e:
    print('AttributeError', e)
try:
    del p.x
except AttributeError as e:
    print('AttributeError', e)
def f(*a):
    return a
for bad in [5, None, 2.5]:
    try:
        f(*bad)
    except TypeError as e:
        print('TypeError', e)
try:
    print(*5)
except TypeError as e:
    print('TypeError', e)
try:
    f(**5)
except TypeError as e:
    print('TypeError', e)
class K:
    def m(self, *a):
        pass
try:
    K().m(*7)
except TypeError as e:
    print('TypeError', e)
for call in [lambda: f(1, *5), lambda: f(*5, 1), lambda: f(*5, k=1), lambda: f(*[1], *5)]:
    try:
        call()
    except TypeError as e:
        print('TypeError', e)
def boom():
    raise TypeError('inside the generator')
    yield
try:
    f(*boom())
except TypeError as e:
    print('TypeError', e)
try:
    (lambda *a: a)(*3)
except TypeError as e:
    print('TypeError', e)
import math, random, time, sys, itertools, functools, collections
print(random.__name__, repr(time), sys, itertools, type(math).__name__)
from typing import NamedTuple
from collections import namedtuple
class Pt(NamedTuple):
    x: int
    y: int = 0
p = Pt(1)
for attr in ['x', 'z']:
    try:
        setattr(p, attr, 5)
    except AttributeError as e:
        print('AttributeError', e)
P = namedtuple('P', 'a b')
class Q(P):
    def total(self):
        return self.a + self.b
q = Q(1, 2)
q.extra = 'ok'
print(q.extra, q.total(), q)
class R(P):
    __slots__ = ()
r = R(3, 4)
try:
    r.extra = 1
except AttributeError as e:
    print('AttributeError', e)
