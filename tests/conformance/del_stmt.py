# del of names, list items, slices and dict keys.
x = 10
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
nums = list(range(10))
del nums[0]
print(nums)
del nums[-1]
print(nums)
del nums[2:4]
print(nums)
del nums[::2]
print(nums)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
try:
    del d["zzz"]
except KeyError as e:
    print("KeyError:", e)
a, b = 1, 2
del a, b
try:
    print(a)
except NameError as e:
    print("deleted both:", e)
class Obj:
    pass
o = Obj()
o.attr = 5
print(hasattr(o, "attr"))
del o.attr
print(hasattr(o, "attr"))
grid = [[1, 2], [3, 4]]
del grid[0][1]
print(grid)
try:
    del nums[100]
except IndexError as e:
    print("IndexError:", e)
