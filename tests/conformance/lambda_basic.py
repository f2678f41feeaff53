# lambda expressions.
square = lambda x: x * x
print(square(7), (lambda a, b=2: a ** b)(3), (lambda: "no args")())
print(square.__name__)
people = [("ann", 31), ("bob", 25), ("cy", 35), ("di", 25)]
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(list(map(lambda p: p[0].upper(), people)))
print(list(filter(lambda p: p[1] > 30, people)))
ops = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
}
for name in ops:
    print(name, ops[name](6, 3))
make = lambda n: (lambda x: x + n)
print(make(5)(10))
print((lambda *args, **kw: (args, kw))(1, 2, k=3))
cond = lambda x: "big" if x > 10 else "small"
print(cond(5), cond(50))
