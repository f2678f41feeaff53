# next() on a generator that returns: StopIteration carries the value; next(g, default).
def gen():
    yield 1
    return 'done'

g = gen()
print(next(g))
try:
    next(g)
except StopIteration as e:
    print('StopIteration', repr(e), e.value, e.args)
print(next(g, 'default'))
try:
    next(g)
except StopIteration as e:
    print('again', repr(e), e.value)

def gen2():
    return 42
    yield
print(next(gen2(), 'dflt'))
try:
    next(gen2())
except StopIteration as e:
    print(e.value, e.args, str(e))

def gen3():
    yield 1
    return (1, 2)
g = gen3()
next(g)
try:
    next(g)
except StopIteration as e:
    print(e.value, e.args)

def gen4():
    yield 'a'
    return None
g = gen4()
next(g)
try:
    next(g)
except StopIteration as e:
    print(repr(e.value), e.args)

g = gen()
print(g.send(None))
try:
    g.send(None)
except StopIteration as e:
    print('send', e.value)

def outer():
    r = yield from gen()
    print('inner returned', r)
    return r * 2
o = outer()
print(next(o))
try:
    next(o)
except StopIteration as e:
    print('outer', e.value)
it = iter([1])
next(it)
try:
    next(it)
except StopIteration as e:
    print('list', repr(e), e.value)
class It:
    def __iter__(self):
        return self
    def __next__(self):
        raise StopIteration('custom')
try:
    next(It())
except StopIteration as e:
    print('custom', e.value)
print(next(It(), 'def'))
