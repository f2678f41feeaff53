# Sending values into generators.
def accumulator():
    total = 0
    while True:
        value = yield total
        if value is None:
            break
        total += value
    yield "final " + str(total)

acc = accumulator()
print(next(acc))
print(acc.send(10))
print(acc.send(5))
print(acc.send(-3))
print(acc.send(None))
try:
    acc.send(1)
except StopIteration:
    print("stopped")

def echo():
    received = []
    while True:
        x = yield len(received)
        received.append(x)
        if len(received) == 3:
            return received

e = echo()
print(e.send(None))
print(e.send("a"))
print(e.send("b"))
try:
    e.send("c")
except StopIteration as stop:
    print("returned", stop.value)

fresh = echo()
try:
    fresh.send("too early")
except TypeError as err:
    print("TypeError:", err)

def averager():
    count, total, avg = 0, 0.0, None
    while True:
        x = yield avg
        count += 1
        total += x
        avg = total / count
av = averager()
next(av)
for v in [10, 20, 30, 45]:
    print(av.send(v))
