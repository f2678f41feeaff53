# Annotations are parsed and ignored.
x: int = 1
y: str = "two"
z: list = [1, 2]
w: float
print(x, y, z)
def area(width: float, height: float = 2.0) -> float:
    result: float = width * height
    return result
print(area(3.0), area(1.5, 4))
class Point:
    x: int = 0
    y: int = 0
    label: str
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y
    def norm1(self) -> int:
        return abs(self.x) + abs(self.y)
p = Point(3, -4)
print(p.x, p.y, p.norm1(), Point.x)
count: int = 0
for i in range(3):
    count += i
print(count)
try:
    print(w)
except NameError as e:
    print("NameError", e)
