# What print shows for different objects.
print(42, -7, 3.0, 1e20, 1.5e-7, True, None)
print("str", 'quotes "inside"', ["str in list"], ("in tuple",))
print({"dict": "values"}, {1: [2, 3]})
print(range(5), range(2, 10, 3))
print(int, str, float, list, dict, bool, type(None))
print(ValueError("message"), [ValueError("in list")])
class Plain:
    pass
class WithStr:
    def __str__(self):
        return "custom str"
print(WithStr(), [Plain.__name__])
print(type(Plain()), Plain)
def fn():
    pass
print(fn.__name__, type(fn).__name__, type(print).__name__, type(len).__name__)
print(len, print)
