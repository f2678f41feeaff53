# Generator functions: lazy, resumable, single-pass.
def countdown(n):
    print("start", n)
    while n > 0:
        yield n
        n -= 1
    print("done")

g = countdown(3)
print(type(g).__name__)
print(next(g))
print(next(g))
print(list(g))
print(list(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", repr(e))

def squares(limit):
    for i in range(limit):
        yield i * i

print(sum(squares(10)), max(squares(5)), list(squares(0)))
for s in squares(4):
    print("sq", s)

def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b

f = fib()
print([next(f) for _ in range(12)])
evens = (x for x in fib() if x % 2 == 0)
print(next(evens), next(evens), next(evens), next(evens))

def chars(s):
    for ch in s:
        yield ch.upper()
        yield ch
print("".join(chars("abc")))
