# functools.partial.
from functools import partial

def power(base, exponent):
    return base ** exponent

square = partial(power, exponent=2)
cube = partial(power, exponent=3)
two_to = partial(power, 2)
print(square(5), cube(3), two_to(10), square(base=7))
def greet(greeting, name, punct="!"):
    return greeting + ", " + name + punct
hello = partial(greet, "Hello")
print(hello("Ann"), hello("Bob", punct="?"), partial(greet, punct=".")("Hi", "Cy"))
print(square.func is power, square.args, square.keywords, two_to.args)
int_base2 = partial(int, base=2)
print(int_base2("1011"), list(map(partial(power, exponent=2), range(5))))
log = partial(print, "[log]", sep=" | ")
log("a", "b")
nested = partial(partial(greet, "Hey"), "Di")
print(nested(), nested(punct="..."))
