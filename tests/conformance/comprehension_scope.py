# Comprehensions have their own scope; closures inside them.
x = "outer"
result = [x for x in range(3)]
print(result, x)
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs = [lambda i=i: i for i in range(3)]
print([f() for f in funcs])
base = 10
print([base + n for n in range(3)])
def make():
    factor = 3
    return [factor * k for k in range(4)]
print(make())
class K:
    values = [1, 2, 3]
    doubled = [v * 2 for v in values]
print(K.doubled)
n = 5
gen = (n * i for i in range(3))
n = 100
print(list(gen))
print([[j for j in range(i)] for i in range(4)])
