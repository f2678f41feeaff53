# Single inheritance, overriding and super().
class Animal:
    def __init__(self, name):
        self.name = name
        print("Animal.__init__", name)

    def speak(self):
        return "..."

    def intro(self):
        return "I am " + self.name + " and I say " + self.speak()

class Cat(Animal):
    def speak(self):
        return "meow"

class Lion(Cat):
    def __init__(self, name, pride):
        super().__init__(name)
        self.pride = pride
        print("Lion.__init__", pride)

    def speak(self):
        return super().speak().upper() + "!"

    def intro(self):
        return super().intro() + " (pride: " + self.pride + ")"

for a in [Animal("generic"), Cat("tom"), Lion("leo", "north")]:
    print(type(a).__name__, "->", a.intro())

l = Lion("simba", "rock")
print(isinstance(l, Lion), isinstance(l, Cat), isinstance(l, Animal), isinstance(l, str))
print(issubclass(Lion, Animal), issubclass(Animal, Lion))
print(Lion.__bases__[0].__name__, Cat.__bases__[0].__name__)

class Base:
    greeting = "hello"
    def greet(self):
        return self.greeting
class Child(Base):
    greeting = "hi"
print(Base().greet(), Child().greet())

class Shape:
    def area(self):
        raise NotImplementedError("area not implemented for " + type(self).__name__)
class Blob(Shape):
    pass
try:
    Blob().area()
except NotImplementedError as e:
    print("NotImplementedError:", e)
