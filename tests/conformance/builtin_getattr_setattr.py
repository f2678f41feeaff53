# getattr, setattr, hasattr on objects and their errors.
class Config:
    debug = False
    def __init__(self):
        self.level = 1
c = Config()
print(getattr(c, "level"), getattr(c, "debug"), getattr(c, "missing", "fallback"))
setattr(c, "level", 5)
setattr(c, "new_attr", [1, 2])
print(c.level, c.new_attr, hasattr(c, "new_attr"), hasattr(c, "nope"), hasattr(Config, "level"))
for name in ["level", "debug", "new_attr"]:
    print(name, "=", getattr(c, name))
try:
    getattr(c, "absent")
except AttributeError as e:
    print("AttributeError:", e)
try:
    c.absent_too
except AttributeError as e:
    print("AttributeError:", e)
try:
    Config.nothing
except AttributeError as e:
    print("AttributeError:", e)
try:
    "text".nomethod()
except AttributeError as e:
    print("AttributeError:", e)
try:
    [].push(1)
except AttributeError as e:
    print("AttributeError:", e)
method = getattr("hello", "upper")
print(method(), getattr([3, 1, 2], "count")(1), hasattr("s", "split"), hasattr(5, "split"))
