# Every listed set method.
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)), sorted(b.difference(a)))
print(sorted(a.union([9], (10,))), sorted(a.intersection(range(3))))
print({1, 2}.issubset(a), {1, 9}.issubset(a), set().issubset(a), a.issubset(a))
c = a.copy()
c.add(100)
c.add(1)
print(sorted(c), sorted(a), c is a)
c.discard(100)
c.discard(12345)
print(sorted(c))
c.remove(1)
print(sorted(c))
try:
    c.remove(1)
except KeyError as e:
    print("KeyError:", e)
c.update([7, 8], {9})
print(sorted(c))
single = {"only"}
print(single.pop(), single)
try:
    single.pop()
except KeyError as e:
    print("KeyError:", e)
c.clear()
print(c, len(c))
print(a.add(0), sorted(a))
