# reversed() over sequences and objects with __len__/__getitem__-less iteration.
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed((1,))), list(reversed(range(4))))
print("".join(reversed("stressed")), list(reversed([])))
r = reversed([10, 20, 30])
print(next(r), list(r), list(r))
d = {"a": 1, "b": 2, "c": 3}
print(list(reversed(list(d))), list(reversed(list(d.items()))))
for i in reversed(range(1, 4)):
    print("step", i)
try:
    reversed(5)
except TypeError as e:
    print("TypeError:", e)
