# Dropping a suspended generator runs its finally at once, as CPython's refcounting does.
def gen(name):
    try:
        yield 1
        yield 2
    finally:
        print('finally', name)

g = gen('del')
next(g)
print('before del')
del g
print('after del')

def use():
    g = gen('local')
    next(g)
    print('leaving use')
use()
print('after use')

def keep():
    g = gen('returned')
    next(g)
    return g
kept = keep()
print('kept alive')
kept.close()

g = gen('rebound')
next(g)
g = gen('second')
print('rebound done')
next(g)
other = g
del g
print('still referenced by other')
other = None
print('other cleared')

def with_block():
    class CM:
        def __enter__(self):
            return self
        def __exit__(self, *exc):
            print('exit', exc[0].__name__)
    def g2():
        with CM():
            yield 'in with'
    it = g2()
    print(next(it))
with_block()

def swallow():
    try:
        yield 1
    except GeneratorExit:
        print('GeneratorExit seen')
        raise
s = swallow()
next(s)
s = None
print('first of a temporary', next(gen('temporary')))
print('method on a temporary', gen('method').__next__())
def pair():
    return next(gen('in a function')), 'x'
print(pair())
class Holder:
    def __init__(self, name):
        self.g = gen(name)
        next(self.g)

h = Holder('attr')
del h
print('after del holder')

pair = [gen('first'), gen('second')]
for g in pair:
    next(g)
del g
pair = None
print('after list cleared')

def work():
    h = Holder('local holder')
    t = (gen('tuple item'),)
    next(t[0])
    print('work done')
work()
print('after work')

def consume(g):
    print('consumed', next(g))
consume(gen('param'))
print('after consume')
d = {'k': gen('in dict')}
next(d['k'])
d['k'] = None
print('after item set')
class A:
    pass
a = A()
a.g = gen('attr set')
next(a.g)
a.g = None
print('after attr set')
print('end')
