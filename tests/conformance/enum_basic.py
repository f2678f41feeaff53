# enum.Enum members, names, values, iteration and lookup.
from enum import Enum

class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3

print(Color.RED, repr(Color.GREEN), Color.BLUE.name, Color.BLUE.value)
print(list(Color), len(Color))
print(Color(2), Color["RED"], Color.RED is Color(1), Color.RED == Color.RED, Color.RED == 1)
for c in Color:
    print(c.name.lower(), c.value)
print(type(Color.RED).__name__, isinstance(Color.GREEN, Color))
try:
    Color(7)
except ValueError as e:
    print("ValueError:", e)
try:
    Color["PINK"]
except KeyError as e:
    print("KeyError:", e)
class Status(Enum):
    ACTIVE = "active"
    INACTIVE = "inactive"
    def label(self):
        return self.value.upper()
print(Status("active"), Status.INACTIVE.label(), [s.value for s in Status])
lookup = {Color.RED: "stop", Color.GREEN: "go"}
print(lookup[Color.GREEN], Color.BLUE in lookup)
print(f"{Color.RED} {Color.RED.name} {Color.RED!r}")
