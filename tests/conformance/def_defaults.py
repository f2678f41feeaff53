# Default parameter values, evaluated once at definition time.
def greet(name, greeting="Hello", punct="!"):
    return greeting + ", " + name + punct

print(greet("Ann"))
print(greet("Bob", "Hi"))
print(greet("Cy", punct="?"))
print(greet(greeting="Yo", name="Di"))

def append_to(item, target=[]):
    target.append(item)
    return target

print(append_to(1))
print(append_to(2))
print(append_to(3, []))
print(append_to(4))

def append_safe(item, target=None):
    if target is None:
        target = []
    target.append(item)
    return target

print(append_safe(1))
print(append_safe(2))

base = 10
def scaled(x, factor=base):
    return x * factor
base = 100
print(scaled(2), scaled(2, base))

def power(x, exp=2, mod=None):
    r = x ** exp
    return r if mod is None else r % mod
print(power(3), power(3, 3), power(3, 3, 5), power(2, mod=3))
