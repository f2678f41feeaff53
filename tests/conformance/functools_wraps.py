# functools.wraps in decorators that count calls and validate arguments.
import functools

def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)
    wrapper.calls = 0
    return wrapper

def positive(fn):
    @functools.wraps(fn)
    def wrapper(x):
        if x < 0:
            raise ValueError(fn.__name__ + " needs x >= 0, got " + str(x))
        return fn(x)
    return wrapper

@counted
@positive
def root(x):
    """Integer square root."""
    r = 0
    while (r + 1) * (r + 1) <= x:
        r += 1
    return r

print([root(n) for n in [0, 1, 15, 16, 99]])
print(root.calls, root.__name__, root.__doc__)
try:
    root(-4)
except ValueError as e:
    print("ValueError:", e)
print(root.calls, root.__wrapped__.__name__)
