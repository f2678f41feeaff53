# return inside a generator ends it; the value rides on StopIteration.
def limited(items, limit):
    count = 0
    for item in items:
        if count == limit:
            return "limit reached"
        yield item
        count += 1
    return "ran out"

g = limited("abcdef", 3)
while True:
    try:
        print(next(g))
    except StopIteration as stop:
        print("value:", stop.value)
        break

g2 = limited([1], 5)
print(list(g2))

def empty():
    return 42
    yield

e = empty()
try:
    next(e)
except StopIteration as stop:
    print(stop.value, stop.args)

def plain():
    yield 1
p = plain()
next(p)
try:
    next(p)
except StopIteration as stop:
    print(repr(stop.value), stop.args)
print(next(plain(), "unused"), next(iter([]), "default"))
