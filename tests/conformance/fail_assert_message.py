# An uncaught AssertionError with a message.
def checked_sqrt(x):
    assert x >= 0, f"cannot take the square root of {x}"
    return x ** 0.5

print(checked_sqrt(9))
print(checked_sqrt(-9))
