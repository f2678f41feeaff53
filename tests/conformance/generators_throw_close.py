# throw() and close() on generators; finally blocks in generators.
def worker():
    try:
        n = 0
        while True:
            try:
                yield n
                n += 1
            except ValueError as e:
                print("worker caught", e)
                n = 100
    finally:
        print("worker cleanup")

w = worker()
print(next(w), next(w))
print(w.throw(ValueError("reset")))
print(next(w))
w.close()
print("closed")
try:
    next(w)
except StopIteration:
    print("exhausted after close")

def fragile():
    yield 1
    yield 2

fr = fragile()
next(fr)
try:
    fr.throw(KeyError("boom"))
except KeyError as e:
    print("propagated", repr(e))

def closing():
    try:
        yield "a"
        yield "b"
    except GeneratorExit:
        print("got GeneratorExit")
        raise

c = closing()
print(next(c))
c.close()
c.close()
unstarted = closing()
unstarted.close()
print("unstarted closed quietly")
