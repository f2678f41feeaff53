# None: the value of functions without return, identity checks.
def nothing():
    pass
r = nothing()
print(r, repr(r), str(r), type(r).__name__)
print(r is None, r == None, r is not None, None is None)
print([None, None], {"k": None}, (None,))
print(bool(None), None == 0, None == "", None == False)
d = {"a": 1}
print(d.get("b"), [].append(1), "x".find("x") if d.get("zz") is None else "never")
try:
    None + 1
except TypeError as e:
    print("TypeError:", e)
try:
    None.attribute
except AttributeError as e:
    print("AttributeError:", e)
try:
    len(None)
except TypeError as e:
    print("TypeError:", e)
try:
    r[0]
except TypeError as e:
    print("TypeError:", e)
try:
    for _ in None:
        pass
except TypeError as e:
    print("TypeError:", e)
