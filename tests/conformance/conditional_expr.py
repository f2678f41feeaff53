# x if c else y.
for n in range(-2, 3):
    sign = "positive" if n > 0 else "negative" if n < 0 else "zero"
    print(n, sign)
def abs_val(x):
    return x if x >= 0 else -x
print([abs_val(v) for v in [-3, 0, 4]])
items = []
print(items[0] if items else "no items", (lambda: 1)() if True else 1 / 0)
print(["even" if i % 2 == 0 else "odd" for i in range(5)])
x = 7
label = ("small" if x < 5 else "medium") if x < 10 else "large"
print(label)
print(1 if [] else 2 if {} else 3 if "" else 4)
print((10 if x else 20) + 1, 10 if x else 20 + 1)
