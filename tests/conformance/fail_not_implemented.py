# An abstract method left unimplemented.
class Shape:
    def area(self):
        raise NotImplementedError(type(self).__name__ + ".area")

class Square(Shape):
    def __init__(self, side):
        self.side = side
    def area(self):
        return self.side ** 2

class Circle(Shape):
    pass

for s in [Square(3), Circle()]:
    print(type(s).__name__, s.area())
