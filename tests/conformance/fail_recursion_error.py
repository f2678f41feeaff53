# Unbounded recursion ends with RecursionError.
def f():
    return f()

print("starting")
f()
