# Dicts: literals, insertion order, overwrite, deletion, keys of several types.
d = {"b": 2, "a": 1}
d["c"] = 3
d["b"] = 20
print(d, len(d))
del d["a"]
d["a"] = 100
print(d, list(d))
mixed = {1: "int", 2.5: "float", "s": "str", (1, 2): "tuple", None: "none", True: "bool?"}
print(mixed)
print(mixed[1], mixed[(1, 2)], mixed[None])
print({1: "a", 1.0: "b"}, {0: "zero", False: "false"})
print(dict(), dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"k": "v"}, extra=0))
print(dict(zip("abc", range(3))))
nested = {"user": {"name": "ann", "tags": ["x", "y"]}, "count": 2}
print(nested["user"]["tags"][1], nested)
try:
    d[["list"]] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    {}[{}]
except TypeError as e:
    print("TypeError:", e)
print({"a": 1} == {"a": 1.0}, {} == dict(), "a" in d, 20 in d)
for k in d:
    print(k, d[k])
