# Subclasses of int and float: __new__/__init__, operators, formatting, hashing, conversions.
class Money(float):
    def __new__(cls, amount, currency='EUR'):
        self = super().__new__(cls, round(amount, 2))
        self.currency = currency
        return self
    def __repr__(self):
        return f'{float(self):.2f} {self.currency}'
    def __add__(self, other):
        return Money(float(self) + float(other), self.currency)

m = Money(10.5)
n = Money(2.25)
print(m, repr(m), m + n, type(m + n).__name__, m * 2, type(m * 2).__name__)
print(f'{m}', f'{m:.1f}', f'{m:>10.3f}|', str(m), '%.2f' % m, '%s' % m)
print(m > n, m == 10.5, 10.5 == m, m < 11, sorted([m, n, Money(1)]), max(m, n))
print(isinstance(m, float), isinstance(m, Money), float(m), int(m), round(m), round(m, 1))
print(hash(m) == hash(10.5), {m: 1}[10.5], m.is_integer(), m.real, -m, abs(Money(-3)))
print(sum([m, n]), 1 + m, 2.5 - m, m / 2, m // 2, m % 3, m ** 2, divmod(m, 4))
print(bool(Money(0)), bool(m), m.currency, vars(m))

class Count(int):
    def __init__(self, value=0):
        self.label = 'n%d' % self
c = Count(7)
print(c, repr(c), c.label, c + 1, c * c, -c, ~c, c << 2, c & 3, c | 8, c ^ 1, c // 2, c % 4)
print(type(c + 1).__name__, isinstance(c, int), int(c), float(c), hex(c), bin(c), c.bit_length())
print(list(range(c))[-1], 'abcdefgh'[c], [0] * Count(3), 'ab' * Count(2), f'{c:03d}', f'{c:x}')
print(c == 7, 7 == c, c < 8, hash(c) == hash(7), {7: 'seven'}[c], {c: 1}, sorted([Count(3), 1, c]))
print(str(c), '%d items' % c, '{:>4}'.format(c), divmod(c, 2), pow(c, 2), round(c), abs(Count(-4)))

class Level(int):
    NAMES = {1: 'low', 2: 'high'}
    def __str__(self):
        return self.NAMES.get(int(self), '?')
lv = Level(2)
print(lv, repr(lv), f'{lv}', f'{lv!r}', str(lv), [lv], lv + 1, lv > Level(1))

class Celsius(float):
    def to_f(self):
        return self * 9 / 5 + 32
print(Celsius(100).to_f(), Celsius('21.5'), Celsius(), Celsius(3))

class Plain(int):
    pass
p = Plain(5)
p.tag = 'x'
print(p, p.tag, type(p).__name__, p.real, p.numerator, p.denominator, int.__add__(p, 1))
print(int.__new__(Plain, 9), type(int.__new__(Plain, '12')).__name__, float.__new__(Celsius, 1.5))
try:
    object.__new__(Plain)
except TypeError as e:
    print('TypeError', e)
try:
    int.__new__(str, 3)
except TypeError as e:
    print('TypeError', e)
try:
    Plain('x')
except ValueError as e:
    print('ValueError', e)
try:
    c + 'a'
except TypeError as e:
    print('TypeError', e)
try:
    m + None
except TypeError as e:
    print('TypeError', e)
import math
print(math.sqrt(Money(16)), math.floor(m), math.isclose(m, 10.5))
print((5).__add__(3), (2.5).__mul__(2), (1).__add__(2.5), (3).__lt__(4))
class M(int):
    def __new__(cls, v):
        return object.__new__(cls)
try:
    M(1)
except TypeError as e:
    print('TypeError', e)
class Sub(Count):
    pass
s = Sub(4)
print(s, s.label, type(s).__name__, s + s, isinstance(s, Count))
print(Money(1) + 1, 1 + Count(2), 2.5 + Count(2), Count(2) + 2.5, Count(3) == 3.0, 3.0 == Count(3))
print(Count(3) < 3.5, 2.5 < Count(3), Count(2) * 1.5, Count(5) / 2, True + Count(1))
print(max([Count(2), 7, 3.5]), min(Money(3), 4), sum([Count(1), Count(2)], Count(10)))
print(int.__add__(Count(1), 2.5), float.__add__(1.5, Count(2)))

# builtins and modules taking int/float subclass instances
import time, random, math
class CI(int):
    pass
class FF(float):
    pass
random.seed(3)
print(random.randint(CI(1), CI(10)), random.uniform(FF(1.0), FF(2.0)), random.randrange(CI(10)))
time.sleep(FF(0.5))
print([1, 2, 3][CI(1)], 'abcdef'[CI(1):CI(4)], 'x'.ljust(CI(4)) + '|', 'ab' * CI(2), (1, 2) * CI(2))
print(math.floor(FF(2.5)), math.pow(CI(2), FF(3)), math.gcd(CI(12), CI(8)), abs(FF(-1.5)), max(CI(3), FF(2.5)))
print(f'{FF(3.14159):.3}', format(CI(255), '#x'), '{:05.1f}'.format(FF(2.25)), str(FF(1e20)), repr(CI(-3)))
print(list(range(CI(2), CI(8), CI(3))), sorted({CI(3): 'a', 1: 'b'}), CI(5) in {5}, FF(0.5) in [0.5])
print(int('12') + CI(3), float(CI(2)), complex_ok if False else 'ok', bool(CI(0)), not FF(0.0), -CI(0))
import json
print(json.dumps([CI(3), FF(1.5)]), json.dumps({'k': CI(1)}))
