#!/usr/bin/env python3
# Generates types-cases.txt for tests/lang/test-types.c: operations on builtin
# values with the results CPython 3.11 gives. Run it with CPython 3.11:
#
#   python3 tests/lang/data/gen-types-data.py > tests/lang/data/types-cases.txt
#
# Line format (tab-separated): KIND, encoded operands..., EXPECTED
#   values:   iN  int | fXXXXXXXXXXXXXXXX  float bits | sHEX  str (UTF-8 hex) | n  None
#             b0 b1  bool | (v,v,...)  tuple | [v,...]  list | {v,...}  set | <v,...>  frozenset
#             d(k:v,...)  dict | rA,B,C  range | kNAME=v  a keyword argument (calls only)
#   expected: =HEX  repr of the result | =HEX|HEX  also repr of self after a method call
#             !Type:HEX  the exception type and str(exc)  | #N  an int (hash)
import math
import random
import struct
import sys

assert sys.version_info[:2] == (3, 11), "needs CPython 3.11"

rng = random.Random(20231125)
out = []


def hx(s):
    return s.encode('utf-8', 'surrogatepass').hex()


# Sets are encoded as the list they were built from (the decoder adds the
# items in that order), so both sides get the same table layout.
origin = {}


def mkset(items, frozen=False):
    s = (frozenset if frozen else set)(items)
    origin[id(s)] = (s, list(items))
    return s


def enc(v):
    if isinstance(v, (set, frozenset)) and id(v) in origin and origin[id(v)][0] is v:
        items = origin[id(v)][1]
        inner = ','.join(enc(x) for x in items)
        return '<' + inner + '>' if isinstance(v, frozenset) else '{' + inner + '}'
    if v is None:
        return 'n'
    if isinstance(v, bool):
        return 'b1' if v else 'b0'
    if isinstance(v, int):
        return 'i%d' % v
    if isinstance(v, float):
        return 'f' + struct.pack('>d', v).hex()
    if isinstance(v, str):
        return 's' + hx(v)
    if isinstance(v, tuple):
        return '(' + ','.join(enc(x) for x in v) + ')'
    if isinstance(v, list):
        return '[' + ','.join(enc(x) for x in v) + ']'
    if isinstance(v, frozenset):
        return '<' + ','.join(enc(x) for x in v) + '>'
    if isinstance(v, set):
        return '{' + ','.join(enc(x) for x in v) + '}'
    if isinstance(v, dict):
        return 'd(' + ','.join(enc(k) + ':' + enc(x) for k, x in v.items()) + ')'
    if isinstance(v, range):
        return 'r%d,%d,%d' % (v.start, v.stop, v.step)
    raise TypeError(type(v))


def fits64(v):
    return not isinstance(v, int) or isinstance(v, bool) or -2**63 <= v < 2**63


def contains_big(v):
    if isinstance(v, (tuple, list, set, frozenset)):
        return any(contains_big(x) for x in v)
    if isinstance(v, dict):
        return any(contains_big(k) or contains_big(x) for k, x in v.items())
    return not fits64(v)


OVERFLOW = '!OverflowError:' + hx('integer overflow: result does not fit in 64 bits')


def expect(fn, with_self=None):
    try:
        r = fn()
    except Exception as e:
        return '!%s:%s' % (type(e).__name__, hx(str(e)))
    if contains_big(r):
        return OVERFLOW
    text = '=' + hx(repr(r))
    if with_self is not None:
        text += '|' + hx(repr(with_self))
    return text


def add(*fields):
    out.append('\t'.join(fields))


def fresh(v):
    import copy
    if isinstance(v, (set, frozenset)) and id(v) in origin and origin[id(v)][0] is v:
        return type(v)(origin[id(v)][1])
    return copy.copy(v)


def case_method(self, name, *args, **kw):
    s = fresh(self)
    e = expect(lambda: getattr(s, name)(*args, **kw), with_self=s)
    if e.startswith('!') is False and isinstance(s, (str, tuple, int, float, frozenset, range)):
        e = e.split('|')[0]
    add('method', enc(self), 's' + hx(name), *[enc(a) for a in args],
        *['k%s=%s' % (k, enc(v)) for k, v in kw.items()], e)


def case(kind, fn, *vals):
    add(kind, *[enc(v) for v in vals], expect(fn))


# ------------------------------------------------------------ float repr

def rand_double():
    while True:
        bits = rng.getrandbits(64)
        f = struct.unpack('>d', bits.to_bytes(8, 'big'))[0]
        if math.isfinite(f):
            return f


floats = [0.0, -0.0, 1.0, -1.0, 0.1, 0.2, 0.3, 1/3, 2/3, 1e16, 1e15, 1e17, 1e-4, 1e-5, 1e-7,
          123456789.0, 1.5e300, 5e-324, 2.2250738585072014e-308, 1.7976931348623157e308,
          float('inf'), float('-inf'), float('nan'), 9007199254740993.0, 2**53 + 0.0, 2**63 + 0.0,
          0.1 + 0.2, 100.0, 1e22, 1e23, 123.456, 3.14159, 2.5, 0.5, 1.25, 1e-310]
for _ in range(3000):
    floats.append(rand_double())
for _ in range(1500):
    k = rng.randint(0, 12)
    floats.append(round(rng.uniform(-1e6, 1e6), k))
for e in range(-30, 30):
    floats.append(10.0 ** e)
    floats.append(2.0 ** (e * 3))
for f in floats:
    case('repr', lambda f=f: f, f)

# ------------------------------------------------------------- format()

specs_num = ['', 'd', 'x', 'X', 'o', 'b', '#x', '#o', '#b', '#X', 'c', 'n', ',', '_', ',d', '_x', '_b',
             '>8', '<8', '^8', '=8', '08', '+', '-', ' ', '+08', '*^12,', '010,', '09,', '08,',
             '.2f', '.0f', '10.3f', '<10.2e', '.3g', 'g', 'G', 'e', 'E', 'f', 'F', '%', '.1%', '#g',
             '#.0f', '.0', '.3', '.10', ',.2f', '_.3f', '012,.2f', 'z.1f', 'z', '#', '+.2e',
             ' .3f', '=+12.4f', 'x<10', '0=10', '>+10,', '.2d', ',x', ',_', ',,', '<<<', '%Y',
             '.', '99999999999999999999', 'q', '+c', '#c', '=', '0', '.20g', '.17g', '#.3g',
             '.1', '.2', '.3e', '016.8f', '-^15.3%', ' 010.4e']
ints = [0, 1, -1, 42, -42, 255, 65, 1234, -1234, 1234567, 123456789012345678, 2**63 - 1, -2**63,
        10**18, 7, 100]
flts = [0.0, -0.0, 1.0, -1.0, 0.25, 1234567.891, 3.14159, -3.14159, 1e20, 1e-7, 12345.678,
        0.000123456, 12345678.9, 1.5, 2.5, 9.99, 100.0, 1e16, float('inf'), float('-inf'),
        float('nan'), 123.456, -0.0001, 1e100, 0.1, 2.675]
for v in ints + [True, False]:
    for spec in specs_num:
        case('format', lambda v=v, spec=spec: format(v, spec), v, spec)
for v in flts:
    for spec in specs_num:
        case('format', lambda v=v, spec=spec: format(v, spec), v, spec)
for v in ['', 'a', 'abc', 'héllo', 'x' * 12]:
    for spec in ['', 's', '>8', '<8', '^8', '*^9', '.2', '8.3', 'é>4', '05', '=5', '+', ' ', '-', '#', 'z', 'd',
                 ',', '^', 'x^1', '10']:
        case('format', lambda v=v, spec=spec: format(v, spec), v, spec)
for v in [None, [1], (1, 2)]:
    for spec in ['', '>5']:
        case('format', lambda v=v, spec=spec: format(v, spec), v, spec)

# --------------------------------------------------------------- ints

int_pool = [0, 1, -1, 2, -2, 3, 7, -7, 10, 100, -100, 255, 2**31, 2**32 + 5, 2**62, -2**62,
            2**63 - 1, -2**63, 10**18, 3037000499, 3037000500]
ops = ['+', '-', '*', '/', '//', '%', '**', '<<', '>>', '&', '|', '^', '<', '<=', '==', '!=', '>', '>=']
for _ in range(2000):
    a = rng.choice(int_pool + [rng.randint(-1000, 1000), rng.randint(-2**63, 2**63 - 1)])
    b = rng.choice(int_pool + [rng.randint(-1000, 1000), rng.randint(-70, 70)])
    op = rng.choice(ops)
    if op == '**' and abs(b) > 200:
        b = rng.randint(-5, 70)
    if op == '<<' and b > 200:
        b = 70
    add('binop', 's' + hx(op), enc(a), enc(b), expect(lambda a=a, b=b, op=op: eval('a %s b' % op)))

# -------------------------------------------------------------- floats

fpool = [0.0, -0.0, 1.0, -1.0, 0.5, 2.5, -2.5, 3.0, 1e308, -1e308, 1e-308, float('inf'),
         float('-inf'), float('nan'), 7.5, -7.5, 0.1, 2**53 + 0.0]
mixed_ops = ['+', '-', '*', '/', '//', '%', '**', '<', '<=', '==', '!=', '>', '>=']
for _ in range(2500):
    a = rng.choice(fpool + [rand_double(), rng.uniform(-100, 100), rng.randint(-10, 10),
                            rng.choice(int_pool), True])
    b = rng.choice(fpool + [rand_double(), rng.uniform(-100, 100), rng.randint(-10, 10),
                            rng.choice(int_pool), False])
    op = rng.choice(mixed_ops)
    if op == '**' and a < 0 and isinstance(b, float) and math.isfinite(b) and b != int(b):
        continue   # complex result in CPython
    add('binop', 's' + hx(op), enc(a), enc(b), expect(lambda a=a, b=b, op=op: eval('a %s b' % op)))

# int/float comparisons near 2**53 and 2**63 (exactness)
for a in [2**53, 2**53 + 1, 2**63 - 1, -2**63, 2**62 + 1, 9007199254740993]:
    for b in [2.0**53, 2.0**53 + 2, 2.0**63, -2.0**63, 2.0**62, 9007199254740992.0, 9007199254740994.0]:
        for op in ['<', '==', '>', '<=', '!=']:
            add('binop', 's' + hx(op), enc(a), enc(b), expect(lambda: eval('a %s b' % op)))

# true division correctly rounded for large ints
for _ in range(300):
    a = rng.randint(-2**63, 2**63 - 1)
    b = rng.choice([rng.randint(1, 2**63 - 1), rng.randint(-1000, 1000) or 3, 3, 7, 10**9 + 7])
    add('binop', 's' + hx('/'), enc(a), enc(b), expect(lambda: a / b))

# ------------------------------------------------------------- hashes

hash_vals = [0, 1, -1, -2, 2**61 - 1, 2**61, -2**61, 2**63 - 1, -2**63, 12345678901234, 0.5, -0.5,
             1.0, 1e100, -1e-100, 3.14159, float('inf'), float('-inf'), (), (1,), (1, 2), (1, (2, 3)),
             (0.5, -1), ((), ()), True, False, (True, 1.0), frozenset(), frozenset({1, 2, 3}),
             (frozenset({1}), 2), range(5), range(1, 10, 3)]
for _ in range(300):
    hash_vals.append(rand_double())
    hash_vals.append(rng.randint(-2**63, 2**63 - 1))
    hash_vals.append(tuple(rng.randint(-100, 100) for _ in range(rng.randint(0, 5))))
for v in hash_vals:
    add('hash', enc(v), '#%d' % hash(v))

# --------------------------------------------------------------- sets

def rand_key():
    r = rng.random()
    if r < 0.75:
        return rng.choice([rng.randint(-20, 200), rng.randint(0, 1 << 20), rng.randint(-2**63, 2**63 - 1)])
    if r < 0.9:
        return rng.choice([0.5, 1.5, -2.25, 1e10, rng.uniform(-100, 100)])
    return (rng.randint(0, 9), rng.randint(0, 9))


for _ in range(300):
    base_list = [rand_key() for _ in range(rng.randint(0, 40))]
    other_list = [rand_key() for _ in range(rng.randint(0, 30))]
    other = mkset(other_list)
    r = rng.random()
    s = mkset(base_list)
    add('ctor', 's' + hx('set'), enc(base_list), expect(lambda: set(base_list)))
    if r < 0.2:
        for k in other_list[:4]:
            case_method(s, 'add', k)
        for k in base_list[:2]:
            case_method(s, 'discard', k)
        # a sequence of mutations on one set: adds after discards reuse dummies
        s2 = fresh(s)
        for k in base_list[:5]:
            s2.discard(k)
        for k in other_list[:8]:
            s2.add(k)
        add('mutate', enc(s), enc(base_list[:5]), enc(other_list[:8]), expect(lambda: s2))
    elif r < 0.3:
        case_method(s, 'pop')
        s2 = fresh(s)
        for _ in range(min(3, len(s2))):
            s2.pop()
        add('popn', enc(s), 'i3', expect(lambda: s2))
    else:
        op = rng.choice(['|', '&', '-', '^', '<=', '<', '==', '>='])
        add('binop', 's' + hx(op), enc(s), enc(other), expect(lambda: eval('s %s other' % op)))
        meth = rng.choice(['union', 'intersection', 'difference', 'symmetric_difference', 'update',
                           'intersection_update', 'difference_update', 'symmetric_difference_update',
                           'issubset', 'issuperset', 'isdisjoint', 'copy'])
        if meth == 'copy':
            case_method(s, meth)
        else:
            case_method(s, meth, other_list if rng.random() < 0.5 else other)
        if rng.random() < 0.5:
            t = fresh(s)
            op = rng.choice(['|', '&', '-', '^'])
            exec('t %s= other' % op)
            add('inplace', 's' + hx(op), enc(s), enc(other), expect(lambda: t))
# lopsided sizes take other code paths (copy-and-difference, intersection first)
for _ in range(80):
    big = [rng.randint(-300, 300) for _ in range(rng.randint(20, 150))]
    small = [rng.randint(-300, 300) for _ in range(rng.randint(0, 6))]
    if rng.random() < 0.5:
        big, small = small, big
    a, b = mkset(big), mkset(small)
    op = rng.choice(['|', '&', '-', '^'])
    add('binop', 's' + hx(op), enc(a), enc(b), expect(lambda: eval('a %s b' % op)))
    t = fresh(a)
    exec('t %s= b' % op)
    add('inplace', 's' + hx(op), enc(a), enc(b), expect(lambda: t))
    meth = rng.choice(['difference', 'difference_update', 'intersection', 'union', 'symmetric_difference'])
    case_method(a, meth, small if rng.random() < 0.5 else b)
    case_method(a, meth, dict.fromkeys(small))
for lit in [[5, 3, 1, 100, 33], [8, 16, 32, 64, 1, 2], list(range(20, 0, -1)), [1, 9, 17, 25, 33]]:
    add('ctor', 's' + hx('set'), enc(lit), expect(lambda: set(lit)))
    add('ctor', 's' + hx('frozenset'), enc(lit), expect(lambda: frozenset(lit)))
for v in [mkset([]), mkset([], True), mkset([1]), mkset([1, 2], True)]:
    case('repr', lambda v=v: v, v)

# ---------------------------------------------------------- str methods

strs = ['', 'a', 'abc', 'Hello World', '  spaced  out  ', 'a,b,,c', 'tab\there', 'line1\nline2\r\nline3\r',
        'héllo wörld', 'ÄÖÜ ß', "they're bill's", 'x' * 5, 'mixed Case 123', '12345', '-42', '+7',
        '\x00\x1f\x7f', 'émoji 😀 ok', "quote'd", 'both\'"', 'back\\slash', '\u2028sep', 'İstanbul',
        'ǅ', '²³', 'abc_def1', '1abc', 'snake_case_name', 'UPPER', 'lower', 'Title Case', 'aaa', 'ﬁ',
        'ΣΑΣ ΟΔΟΣ', 'Σ', 'AΣ.b', 'ΑΣ\'Σ x']
for s in strs:
    case('repr', lambda s=s: s, s)
    case('ascii', lambda s=s: ascii(s), s)
    for m in ['upper', 'lower', 'capitalize', 'title', 'swapcase', 'casefold', 'strip', 'lstrip', 'rstrip',
              'split', 'rsplit', 'splitlines', 'isdigit', 'isalpha', 'isalnum', 'isspace', 'isupper',
              'islower', 'istitle', 'isidentifier', 'isdecimal', 'isnumeric', 'isascii', 'isprintable',
              'expandtabs']:
        case_method(s, m)
    for args in [(',',), (' ',), (',', 1), ('l',), ('ll',), (None, 1), (' ', 0), ('x', -1)]:
        case_method(s, 'split', *args)
        case_method(s, 'rsplit', *args)
    for m, args in [('find', ('l',)), ('find', ('l', 3)), ('rfind', ('l',)), ('index', ('o',)),
                    ('rindex', ('o',)), ('count', ('a',)), ('count', ('',)), ('count', ('l', 1, -1)),
                    ('startswith', ('He',)), ('startswith', (('a', 'H'),)), ('endswith', ('d',)),
                    ('endswith', ('c', 0, 3)), ('replace', ('l', 'L')), ('replace', ('', '-')),
                    ('replace', ('a', 'bb', 1)), ('ljust', (12,)), ('rjust', (12, '*')),
                    ('center', (13,)), ('center', (14, '-')), ('zfill', (8,)), ('strip', ('ab',)),
                    ('lstrip', ('x ',)), ('rstrip', ('\n\r',)), ('partition', (',',)),
                    ('rpartition', (' ',)), ('removeprefix', ('He',)), ('removesuffix', ('ld',)),
                    ('splitlines', (True,)), ('expandtabs', (4,)), ('find', ('',)), ('find', ('z', None, 2))]:
        case_method(s, m, *args)
for sep, items in [(',', ['a', 'b', 'c']), ('', ['x', 'y']), (' - ', ('p', 'q')), (',', ['a', 1]),
                   ('é', ['ü', 'ö'])]:
    case_method(sep, 'join', items)
case_method('a b c', 'split', maxsplit=1)
case_method('a b c', 'split', sep=' ', maxsplit=1)
case_method('a b c', 'split', x=1)
case_method('abc', 'split', 'b', 1, 2)
case_method('a\nb', 'splitlines', keepends=True)
case_method('a', 'center', 5, 'ab')
case_method('a', 'strip', 5)
case_method('a', 'startswith', 5)
case_method('abc', 'startswith', ('x', 1))
case_method('a', 'index', 'b')
case_method('a', 'split', '')
case_method('a', 'partition', '')
case_method('a', 'upper', 1)
case_method('a', 'count', 1)
case_method('abc', 'find', 'c', '1')
case_method('xyz', 'translate', str.maketrans('xy', 'ab', 'z'))
case_method('abc', 'translate', {97: None, 98: 'XX', 99: 100})
for fmt, args, kw in [('{} {}', (1, 2), {}), ('{0}{1}{0}', ('a', 'b'), {}), ('{x}-{y!r}', (), {'x': 1, 'y': 's'}),
                      ('{:>8}', ('ab',), {}), ('{:{w}.{p}f}', (3.14159,), {'w': 10, 'p': 2}),
                      ('{{}} {}', (1,), {}), ('{0[1]}', ([1, 2],), {}), ('{0[a]}', ({'a': 5},), {}),
                      ('{}{}', (1,), {}), ('{0}{}', (1, 2), {}), ('{}{0}', (1, 2), {}), ('{', (), {}),
                      ('}', (), {}), ('{0!x}', (1,), {}), ('{a}', (), {}), ('{0[}', (1,), {}),
                      ('{0.}', (1,), {}), ('{0[0]x}', ([1],), {}), ('{:d}', ('a',), {}),
                      ('{:,}', (1234567,), {}), ('{:*^20}', (' hi ',), {}), ('{0:{1}}', (5, '>3'), {}),
                      ('{:{}}', (5, 4), {}), ('{0.real}', (5,), {}), ('{!r:>6}', ('x',), {}),
                      ('{:%}', (0.25,), {}), ('{:06.3f}', (3.14159,), {}), ('{:x}', (255,), {}),
                      ('{}', (3.0,), {}), ('{:.2f} and {:>5}', (1.0, 'x'), {})]:
    case_method(fmt, 'format', *args, **kw)
for fmt, args in [('%d', 'x'), ('%s %s', (1,)), ('%s', (1, 2)), ('%d', 3.7), ('%x', 3.5),
                  ('%5.2f|%-5d|%05d|%+d|%%|%r|%c', (3.14159, 42, 42, 5, 'x', 65)),
                  ('%(a)s-%(b)r', {'a': 1, 'b': 'x'}), ('%s', [1, 2]), ('%s', ((1, 2),)), ('%.3s', 'abcdef'),
                  ('%i %u', (3, 4)), ('%e %g %G %E', (12345.678, 12345.678, 1e-10, 1.5)),
                  ('%#x %#o %X', (255, 8, 255)), ('%c', 'ab'), ('%*d', (5, 3)), ('%-*d|', (5, 3)),
                  ('%.*f', (2, 3.14159)), ('%d', True), ('%', ()), ('%z', 1), ('abc', ()), ('abc', 5),
                  ('%d %d', [1, 2]), ('%s', {'a': 1}), ('%(a)s', 5), ('%5s|%-5s|', ('ab', 'cd')),
                  ('%.2f', 1e20), ('%f', float('inf')), ('%d', 1e15), ('%x', -255), ('%o', -8),
                  ('%c', 0x110000), ('%a', 'é'), ('%05f', float('inf')), ('%-8.3f|', -1.5),
                  ('%+.2e', 1234.5), ('%#g', 1.0), ('%g', 1e-5), ('%g', 123456789), ('%.3d', 5),
                  ('%5.3d', -5), ('%-05d|', 3), ('% d', 5), ('%#5x', 255), ('%#05x', 255), ('%05s', 'ab'),
                  ('%s=%d', ('x', 5)), ('%6.2f%%', 12.345), ('%s', None), ('%r', 'é')]:
    add('binop', 's' + hx('%'), enc(fmt), enc(args), expect(lambda: fmt % args))

# -------------------------------------------------------- constructors

for text in ['42', ' 42 ', '-17', '+5', '4_2', '_1', '1_', '1__0', 'abc', '1e5', '', ' ', '٣', '0x1f',
             '9223372036854775807', '9223372036854775808', '-9223372036854775808', '12.5', '007']:
    add('ctor', 's' + hx('int'), enc(text), expect(lambda: int(text)))
for text, base in [('0x1f', 16), ('0x1f', 0), ('010', 0), ('0_0', 0), ('  -0b101 ', 0), ('ff', 16),
                   ('z', 36), ('12', 1), ('0o17', 8), ('0b', 2), ('0x_f', 16), ('1', 37), ('777', 8)]:
    add('ctor', 's' + hx('int'), enc(text), enc(base), expect(lambda: int(text, base)))
for v in [3.9, -3.9, 1e20, float('inf'), float('nan'), True, None, [1], 2**62 + 0.0]:
    add('ctor', 's' + hx('int'), enc(v), expect(lambda: int(v)))
add('ctor', 's' + hx('int'), enc(12), enc(10), expect(lambda: int(12, 10)))
for text in ['1.5', ' 1_000.5 ', 'inf', '-Infinity', 'nan', 'x', '1e500', '.5', '5.', '1_0e1_0', '0x10',
             '1__0', '_1', '1e', 'e5', '', '  -0.0 ', '1e-400', '+.5e+3', 'infinit', '1.2.3']:
    add('ctor', 's' + hx('float'), enc(text), expect(lambda: float(text)))
for v in [None, [], 3, True, 2**62]:
    add('ctor', 's' + hx('float'), enc(v), expect(lambda: float(v)))
for v in [[], [1, 2], 'abc', (1,), {'a': 1}, range(3), 0, '']:
    add('ctor', 's' + hx('list'), enc(v), expect(lambda: list(v)))
    add('ctor', 's' + hx('tuple'), enc(v), expect(lambda: tuple(v)))
    add('ctor', 's' + hx('bool'), enc(v), expect(lambda: bool(v)))
    add('ctor', 's' + hx('str'), enc(v), expect(lambda: str(v)))
for args in [(5,), (1, 10, 3), (10, 0, -2), (1.5,), (1, 2, 0), (1, 2, 3, 4), ()]:
    add('ctor', 's' + hx('range'), *[enc(a) for a in args], expect(lambda: range(*args)))
add('ctor', 's' + hx('dict'), enc([('a', 1), ('b', 2)]), expect(lambda: dict([('a', 1), ('b', 2)])))
add('ctor', 's' + hx('dict'), enc([(1, 2, 3)]), expect(lambda: dict([(1, 2, 3)])))
add('ctor', 's' + hx('dict'), enc([1]), expect(lambda: dict([1])))
add('ctor', 's' + hx('dict'), 'ka=i1', 'kb=i2', expect(lambda: dict(a=1, b=2)))
add('ctor', 's' + hx('dict'), enc({'x': 1}), 'ky=i2', expect(lambda: dict({'x': 1}, y=2)))

# --------------------------------------------------------------- round

for x, n in [(2.5, None), (3.5, None), (-2.5, None), (0.5, None), (-0.5, None), (2.675, 2), (1250, -2),
             (1350, -2), (12345.0, -2), (1.5, None), (1e300, -300), (5e-324, 400), (0.125, 2), (0.375, 2),
             (-0.125, 2), (1234.5678, 1), (1234.5678, -1), (1e16, 3), (float('inf'), None), (float('nan'), 1),
             (15, -1), (25, -1), (-15, -1), (7, 2), (2.5, 0), (1e22, -22), (123456789, -20)]:
    add('round', enc(x), enc(n), expect(lambda: round(x, n)))
for _ in range(500):
    x = rng.choice([rng.uniform(-1000, 1000), rand_double(), rng.randint(-10**6, 10**6) / 8])
    n = rng.randint(-5, 12)
    add('round', enc(x), enc(n), expect(lambda: round(x, n)))

# ------------------------------------------------------ lists, tuples, dicts

lst = [3, 1, 2]
for m, args in [('append', (4,)), ('pop', ()), ('pop', (0,)), ('pop', (5,)), ('insert', (1, 9)),
                ('insert', (-10, 0)), ('insert', (99, 0)), ('index', (2,)), ('index', (7,)),
                ('remove', (1,)), ('remove', (7,)), ('count', (3,)), ('reverse', ()), ('sort', ()),
                ('clear', ()), ('copy', ()), ('extend', ('ab',)), ('extend', (5,)), ('index', (1, 1)),
                ('pop', (1, 2))]:
    case_method(list(lst), m, *args)
case_method([], 'pop')
case_method([3, 1, 2], 'sort', reverse=True)
case_method(['b', 'A', 'c'], 'sort', key=None)
case_method([1, 'a'], 'sort')
case_method([3, 1, 2], 'sort', 1)
case_method([(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b')], 'sort')
for _ in range(50):
    data = [rng.choice([rng.randint(-50, 50), rng.uniform(-50, 50)]) for _ in range(rng.randint(0, 60))]
    case_method(data, 'sort', reverse=rng.random() < 0.5)
    pairs = [(rng.randint(0, 5), rng.randint(0, 99)) for _ in range(rng.randint(0, 60))]
    case_method(pairs, 'sort')
    words = [''.join(rng.choice('abcAB') for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(0, 40))]
    case_method(words, 'sort', reverse=rng.random() < 0.5)
# NaN makes comparisons inconsistent: the result shows the exact sequence of
# comparisons of CPython's timsort (runs, galloping merges)
for _ in range(60):
    n = rng.choice([rng.randint(0, 70), rng.randint(60, 200)])
    data = [rng.choice([float('nan'), rng.randint(-30, 30), rng.uniform(-30, 30)]) if rng.random() < 0.2
            else rng.randint(-1000, 1000) for _ in range(n)]
    if rng.random() < 0.5:
        data.sort()
        for _ in range(rng.randint(0, 20)):
            i, j = rng.randrange(max(n, 1)), rng.randrange(max(n, 1))
            if n:
                data[i], data[j] = data[j], data[i]
    case_method(data, 'sort', reverse=rng.random() < 0.3)
for _ in range(40):
    data = [rng.choice([rng.randint(0, 9), str(rng.randint(0, 9)), rng.uniform(0, 9)]) for _ in range(rng.randint(2, 80))]
    case_method(data, 'sort')
tup = (1, 2, 3, 2)
case_method(tup, 'count', 2)
case_method(tup, 'index', 3)
case_method(tup, 'index', 9)
seqs = [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], (0, 1, 2, 3, 4), 'abcdefgh', 'héllo wörld', range(0, 20, 3)]
keys = [0, 3, -1, -3, 10, -11, slice(None), slice(1, 3), slice(None, None, -1), slice(-3, None),
        slice(None, None, 2), slice(8, 1, -3), slice(100, -100, -1), slice(None, None, 0), 'a', 1.5, True, None]
for s in seqs:
    for k in keys:
        if isinstance(k, slice):
            add('getitem', enc(s), 'S' + enc(k.start) + ',' + enc(k.stop) + ',' + enc(k.step),
                expect(lambda: s[k]))
        else:
            add('getitem', enc(s), enc(k), expect(lambda: s[k]))
    case('repr', lambda s=s: s, s)
    case('len', lambda s=s: len(s), s)
    case('iter', lambda s=s: list(s), s)
for a, b in [([1, 2], [1, 3]), ([1, 2], [1, 2, 0]), ((1, 'a'), (1, 'b')), ([1], ['a']), ((), ()),
             ([1, [2]], [1, [2]]), ((1, 2), [1, 2]), ('abc', 'abd'), ('b', 'abc'), ({1: 2}, {1: 2}),
             ({1: 2}, {1: 3}), ({1}, {1, 2}), (None, None), (1, 'a'), (range(3), range(0, 3))]:
    for op in ['==', '!=', '<', '<=', '>', '>=']:
        add('binop', 's' + hx(op), enc(a), enc(b), expect(lambda: eval('a %s b' % op)))
for a, b, op in [([1], [2], '+'), ([1], (2,), '+'), ((1,), (2,), '+'), ('a', 1, '+'), (1, 'a', '+'),
                 ([1, 2], 3, '*'), (3, 'ab', '*'), ('ab', 1.5, '*'), ((1,), -1, '*'), ({'a': 1}, {'b': 2}, '|'),
                 ({'a': 1}, [1], '|'), ([1], 2, '-'), ('a', 'b', '-'), (None, 1, '+'), (2, None, '**'),
                 ('abc', 'b', 'in'), ([1, 2], 2, 'in'), ({1: 2}, 1, 'in'), ('abc', 1, 'in'), (5, 1, 'in')]:
    if op == 'in':
        add('contains', enc(a), enc(b), expect(lambda: b in a))
    else:
        add('binop', 's' + hx(op), enc(a), enc(b), expect(lambda: eval('a %s b' % op)))
for a, b, op in [([1], [2], '+'), ([1], 'ab', '+'), ([1, 2], 2, '*'), ({1, 2}, {2, 3}, '|'), ({1, 2}, {2, 3}, '&'),
                 ({1, 2}, {2, 3}, '-'), ({1, 2}, {2, 3}, '^'), ({'a': 1}, [('b', 2)], '|'), ('a', 'b', '+'),
                 (1, 2, '+'), (frozenset({1}), frozenset({2}), '|')]:
    add('inplace', 's' + hx(op), enc(a), enc(b), expect(lambda: eval('exec("a %s= b", g), g["a"]' % op,
                                                                      {'g': {'a': a, 'b': b}})[1]))
d = {'a': 1, 'b': [1, 2], 3: 'x'}
for m, args in [('get', ('a',)), ('get', ('z',)), ('get', ('z', 0)), ('keys', ()), ('values', ()),
                ('items', ()), ('setdefault', ('a', 5)), ('setdefault', ('q', 5)), ('pop', ('a',)),
                ('pop', ('z',)), ('pop', ('z', None)), ('popitem', ()), ('update', ({'a': 9, 'n': 0},)),
                ('update', ([('k', 1)],)), ('copy', ()), ('clear', ()), ('get', ([],)), ('update', (5,))]:
    case_method(dict(d), m, *args)
case_method({}, 'popitem')
case_method(dict(d), 'update', z=1)
for v in [{}, {'a': 1}, {1: 'x', (1, 2): [None]}, {'k': {'n': 1.5}}]:
    case('repr', lambda v=v: v, v)
    case('len', lambda v=v: len(v), v)
    case('iter', lambda v=v: list(v), v)
add('getitem', enc(d), enc('z'), expect(lambda: d['z']))
add('getitem', enc(d), enc([]), expect(lambda: d[[]]))
add('getitem', enc(d), enc(3), expect(lambda: d[3]))
for v in [1, None, 1.5, True]:
    add('getitem', enc(v), enc(0), expect(lambda: v[0]))
    add('len', enc(v), expect(lambda: len(v)))
    add('iter', enc(v), expect(lambda: list(v)))
for v in [[], {}, set(), [1], (1, [2])]:
    add('hash', enc(v), expect(lambda: hash(v)))
def setitem(v, k, x):
    v[k] = x


for v, k in [((1, 2), 0), ('abc', 0), ([1, 2], 5), ([1, 2], 'a'), ({}, []), ([1, 2], -1)]:
    add('setitem', enc(v), enc(k), enc(5), expect(lambda: setitem(v, k, 5)))
for v in [-1, 0, 5, 1.5, -0.0, True, 'x', None, [1]]:
    for op in ['-', '+', '~', 'not']:
        add('unary', 's' + hx(op), enc(v), expect(lambda: eval('%s v' % op)))
for v in [range(0), range(5), range(1, 10, 3), range(10, 0, -2), range(-5)]:
    case('repr', lambda v=v: v, v)
    case('len', lambda v=v: len(v), v)
    case('iter', lambda v=v: list(v), v)
    for x in [0, 3, 4, 9, -1, 2.0, 'a']:
        add('contains', enc(v), enc(x), expect(lambda: x in v))

print('\n'.join(out))
