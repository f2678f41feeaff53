# is / is not, in / not in across containers.
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, None is None)
print(2 in a, 3 in a, 3 not in a)
print("ell" in "hello", "L" in "hello", "" in "", "lo" not in "hello")
print(1 in (1, 2), "k" in {"k": 1}, 1 in {"k": 1}, 1 in {"k": 1}.values())
print(3 in range(5), 5 in range(5), 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print(2 in {1, 2, 3}, [1] in [[1], [2]], (1, 2) in [(1, 2)], 1.0 in [1])
class Box:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, Box) and self.v == other.v
boxes = [Box(1), Box(2)]
print(Box(2) in boxes, Box(3) in boxes, boxes[0] in boxes)
x = None
if x is None:
    print("x is None")
t = True
print(t is True, (1 == 1) is True, type(1) is int, type(True) is bool, type(1) is not float)
try:
    print(1 in 5)
except TypeError as e:
    print("TypeError:", e)
try:
    print(1 in "abc")
except TypeError as e:
    print("TypeError:", e)
