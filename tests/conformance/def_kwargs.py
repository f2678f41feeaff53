# Keyword arguments and **kwargs.
def describe(name, **info):
    print(name, info)
    for key, value in info.items():
        print("  " + key + " = " + str(value))

describe("cat")
describe("dog", legs=4, sound="woof")
describe(name="bird", wings=2)

def config(**options):
    defaults = {"debug": False, "level": 1}
    defaults.update(options)
    return defaults

print(config())
print(config(level=3))
print(config(debug=True, extra="x"))

def order(a, b, c):
    return [a, b, c]
print(order(1, 2, 3))
print(order(c=3, a=1, b=2))
print(order(1, c=3, b=2))

def passthrough(*args, **kwargs):
    return args, kwargs
print(passthrough())
print(passthrough(1, 2, x=3))
print(passthrough(*[1, 2], **{"y": 4}))
