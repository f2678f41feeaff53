# Repetition by huge counts: folded only when the result is small ('' * 2**40 is ''),
# otherwise MemoryError/OverflowError at run time, never a hang.
print(repr('' * 2**40), repr('' * -3), repr('ab' * -2))
e = ''
print(repr(e * 2**40), repr(2**40 * e))
cases = [
    lambda: 'a' * 2**40,
    lambda: 'ab' * 10**12,
    lambda: 'ab' * 2**62,
    lambda: 'ab' * 2**61,
    lambda: [0] * 10**12,
    lambda: [1, 2] * 2**62,
    lambda: (0,) * 10**12,
    lambda: (1, 2) * 2**62,
    lambda: [] * 10**12,
    lambda: () * 2**40,
    lambda: 10**12 * 'ab',
    lambda: 2**62 * [0],
    lambda: 'x'.ljust(2**40),
    lambda: 'x'.rjust(2**40),
    lambda: 'x'.center(2**40),
    lambda: 'x'.zfill(2**40),
]
for i, f in enumerate(cases):
    try:
        r = f()
        print(i, len(r))
    except (MemoryError, OverflowError) as exc:
        print(i, type(exc).__name__, exc)
s = 'ab'
try:
    s *= 10**13
except MemoryError as exc:
    print('MemoryError', repr(exc))
l = [1]
try:
    l *= 10**13
except MemoryError as exc:
    print('MemoryError', repr(exc))
print(l, s)
x = 'a' * 2**40
