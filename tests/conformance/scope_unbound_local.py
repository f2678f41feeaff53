# Assigning anywhere in a function makes a name local for the whole function.
x = 10

def read_global():
    return x

def broken():
    try:
        print(x)
    except Exception as e:
        print(type(e).__name__, "|", e)
        print(isinstance(e, NameError))
    x = 5
    return x

print(read_global())
print(broken())

def deleted():
    y = 1
    del y
    try:
        return y
    except NameError as e:
        return type(e).__name__ + ": " + str(e)
print(deleted())

try:
    print(undefined_name)
except NameError as e:
    print(type(e).__name__, e)
