# return: tuples, early exits, implicit None.
def divide(a, b):
    if b == 0:
        return None
    return a // b, a % b

def nothing():
    pass

def early(xs):
    for x in xs:
        if x < 0:
            return "negative found: " + str(x)
    return "all non-negative"

def bare():
    return

print(divide(17, 5), divide(1, 0))
q, r = divide(100, 7)
print(q, r)
print(nothing(), bare())
print(early([1, 2, -3, 4]), early([]))
result = nothing()
print(result is None, type(result).__name__)

def multi():
    return 1, "two", [3]
a, b, c = multi()
print(a, b, c, multi())
