# User-written decorators, stacked and parameterised.
def shout(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs).upper() + "!"
    return wrapper

def exclaim(times):
    def deco(fn):
        def wrapper(*args):
            return fn(*args) + "!" * times
        return wrapper
    return deco

calls = []
def trace(fn):
    def wrapper(*args):
        calls.append(fn.__name__ + str(args))
        return fn(*args)
    return wrapper

@shout
def greet(name):
    return "hello " + name

@exclaim(3)
@trace
def hi(name):
    return "hi " + name

@trace
def add(a, b):
    return a + b

print(greet("world"))
print(hi("bob"))
print(add(2, 3), add(10, 20))
print(calls)
print(greet.__name__, hi.__name__)

registry = {}
def register(fn):
    registry[fn.__name__] = fn
    return fn

@register
def alpha():
    return "a"

@register
def beta():
    return "b"

print(sorted(registry), registry["beta"]())
