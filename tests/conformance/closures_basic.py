# Closures capture variables, not values.
def make_adder(n):
    def add(x):
        return x + n
    return add

add3 = make_adder(3)
add10 = make_adder(10)
print(add3(1), add10(1), add3(add10(0)))
print(add3.__name__)

def make_multipliers():
    return [lambda x: x * i for i in range(4)]
print([m(10) for m in make_multipliers()])

def make_multipliers_fixed():
    return [lambda x, i=i: x * i for i in range(4)]
print([m(10) for m in make_multipliers_fixed()])

def outer():
    value = "first"
    def show():
        return value
    value = "second"
    return show
print(outer()())

def compose(f, g):
    return lambda x: f(g(x))
inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5))

def counter_pair():
    items = []
    def push(v):
        items.append(v)
        return len(items)
    def peek():
        return items[-1] if items else None
    return push, peek
push, peek = counter_pair()
print(peek(), push("a"), push("b"), peek())
