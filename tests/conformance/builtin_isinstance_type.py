# isinstance, issubclass and type(x).__name__.
values = [1, 1.5, "s", True, None, [1], (1,), {"k": 1}, {1}, range(2), len, lambda: 0]
for v in values:
    print(type(v).__name__, isinstance(v, int), isinstance(v, (list, tuple)), isinstance(v, object))
print(isinstance(True, int), isinstance(1, bool), isinstance(1, float), isinstance(1.0, (int, float)))
print(type(1) == int, type(True) == int, type("a") is str, type(type(1)).__name__)
class A:
    pass
class B(A):
    pass
b = B()
print(isinstance(b, A), isinstance(b, B), type(b) is A, type(b).__name__, type(A()).__name__)
print(issubclass(B, A), issubclass(A, B), issubclass(bool, int), issubclass(B, (int, A)))
try:
    isinstance(1, "int")
except TypeError as e:
    print("TypeError:", e)
print(type(ValueError("x")).__name__, isinstance(KeyError(), LookupError))
