# Name lookup: local, enclosing, global, builtins.
x = "global"
len_calls = 0

def outer():
    x = "enclosing"
    def inner():
        return x
    return inner()

def local():
    x = "local"
    return x

def uses_builtin():
    return len("four")

def shadow_builtin():
    len = lambda s: -1
    return len("four")

print(outer(), local(), x)
print(uses_builtin(), shadow_builtin(), len("abc"))

def loop_var():
    for i in range(3):
        pass
    return i
print(loop_var())

items = [1, 2, 3]
squares = [i * i for i in items]
try:
    print(i)
except NameError as e:
    print("comprehension variable does not leak:", e)

class Config:
    level = 3
    doubled = level * 2
print(Config.level, Config.doubled)
