# Polymorphism through overridden methods.
import math

class Shape:
    def area(self):
        return 0.0
    def describe(self):
        return f"{type(self).__name__} with area {self.area():.2f}"

class Circle(Shape):
    def __init__(self, r):
        self.r = r
    def area(self):
        return math.pi * self.r ** 2

class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h

class Square(Rect):
    def __init__(self, side):
        super().__init__(side, side)

shapes = [Circle(1), Rect(2, 3.5), Square(4), Circle(0.5), Shape()]
for s in shapes:
    print(s.describe())
print(sorted(type(s).__name__ for s in shapes))
print(max(shapes, key=lambda s: s.area()).describe())
print(round(sum(s.area() for s in shapes), 4))
