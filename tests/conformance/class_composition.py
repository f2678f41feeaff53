# Objects built from other objects.
class Engine:
    def __init__(self, hp):
        self.hp = hp
        self.running = False
    def start(self):
        self.running = True
        return "engine " + str(self.hp) + "hp started"

class Wheel:
    def __init__(self, pos):
        self.pos = pos
    def __repr__(self):
        return "Wheel(" + repr(self.pos) + ")"

class Car:
    def __init__(self, name, hp):
        self.name = name
        self.engine = Engine(hp)
        self.wheels = [Wheel(p) for p in ("FL", "FR", "RL", "RR")]
    def start(self):
        return self.name + ": " + self.engine.start()
    def __repr__(self):
        return f"Car({self.name!r}, hp={self.engine.hp}, wheels={self.wheels})"

car = Car("mini", 90)
print(car)
print(car.engine.running, car.start(), car.engine.running)
print(len(car.wheels), car.wheels[2].pos, [w.pos for w in car.wheels if w.pos.startswith("F")])
fleet = {c.name: c for c in [car, Car("van", 150)]}
print(sorted(fleet), fleet["van"].engine.hp)
