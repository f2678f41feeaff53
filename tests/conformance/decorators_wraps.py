# functools.wraps copies the wrapped function's name and docstring.
import functools

def timed(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        result = fn(*args, **kwargs)
        print("called", fn.__name__, "->", result)
        return result
    return wrapper

def plain(fn):
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)
    return wrapper

@timed
def area(w, h):
    """Area of a rectangle."""
    return w * h

@plain
def perimeter(w, h):
    """Perimeter of a rectangle."""
    return 2 * (w + h)

area(3, 4)
print(area.__name__, area.__doc__)
print(perimeter.__name__, perimeter.__doc__)
print(perimeter(3, 4))
print(area.__wrapped__(5, 6))

def memo(fn):
    cache = {}
    @functools.wraps(fn)
    def inner(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return inner

@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib.__name__, fib(80))
