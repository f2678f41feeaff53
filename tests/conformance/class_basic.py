# Classes: __init__, methods, instance and class attributes.
class Dog:
    species = "canis familiaris"
    count = 0

    def __init__(self, name, age):
        self.name = name
        self.age = age
        Dog.count += 1

    def describe(self):
        return self.name + " is " + str(self.age)

    def speak(self, sound="woof"):
        return self.name + " says " + sound

    def birthday(self):
        self.age += 1
        return self

rex = Dog("Rex", 3)
fido = Dog("Fido", 5)
print(rex.describe(), "|", fido.speak(), "|", rex.speak("grr"))
print(rex.birthday().birthday().describe())
print(Dog.count, rex.count, rex.species)
rex.species = "wolf?"
print(rex.species, fido.species, Dog.species)
print(type(rex).__name__, isinstance(rex, Dog), type(rex) is Dog)
fido.nickname = "F"
print(fido.nickname, hasattr(rex, "nickname"))
print(Dog.describe(fido))
method = rex.speak
print(method("yip"))
print(Dog.__name__)
