# global lets a function rebind module-level names.
counter = 0
log = []

def bump():
    global counter
    counter += 1
    log.append(counter)

for _ in range(3):
    bump()
print(counter, log)

def set_config(value):
    global CONFIG
    CONFIG = value

set_config({"debug": True})
print(CONFIG)

def reader():
    return counter * 100
print(reader())

def shadow():
    counter = -1
    return counter
print(shadow(), counter)

def both():
    global a, b
    a, b = "A", "B"
both()
print(a, b)
