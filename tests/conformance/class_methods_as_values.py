# Bound methods as first-class values and callbacks.
class Button:
    def __init__(self, label):
        self.label = label
        self.clicks = 0
    def click(self):
        self.clicks += 1
        return self.label + " clicked " + str(self.clicks)

ok = Button("OK")
cancel = Button("Cancel")
handlers = [ok.click, cancel.click, ok.click]
for h in handlers:
    print(h())
print(ok.clicks, cancel.clicks)
press = ok.click
print(press(), press.__name__)
class Calculator:
    def __init__(self):
        self.ops = {"+": self.add, "-": self.sub}
    def add(self, a, b):
        return a + b
    def sub(self, a, b):
        return a - b
    def run(self, expr):
        a, op, b = expr.split()
        return self.ops[op](int(a), int(b))
calc = Calculator()
print(calc.run("3 + 4"), calc.run("10 - 7"))
print([h.__name__ for h in handlers], handlers[0]() + "!")
print(sorted(["bb", "a", "ccc"], key=len))
