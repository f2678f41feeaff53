# str.format with positional, indexed, named fields and specs.
print("{} + {} = {}".format(1, 2, 3))
print("{0}{1}{0}".format("ab", "cd"))
print("{name} is {age}".format(name="Ann", age=31))
print("{0[0]} {0[1]} {d[key]}".format(["x", "y"], d={"key": "v"}))
print("{:>6}|{:<6}|{:^6}|".format("r", "l", "c"))
print("{:.3f} {:8.2f} {:+d} {:,} {:%}".format(3.14159, 2.5, 7, 1234567, 0.25))
print("{:05d} {:x} {:X} {:o} {:b}".format(42, 255, 255, 8, 5))
print("{!r} {!s}".format("text", "text"))
print("{{literal}} {}".format("braces"))
print("{:*^11}".format("mid"))
print("{:e} {:.2e} {:g} {:g}".format(12345.678, 0.000123, 0.00001, 123456789.0))
w = 10
print("{:>{w}}|".format("dyn", w=w))
class P:
    def __init__(self):
        self.x = 5
print("{p.x}".format(p=P()))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{missing}".format()
except KeyError as e:
    print("KeyError:", e)
