# repr of nested containers mixing types, including recursive lists.
data = [1, 2.5, "s", 'q"uote', "it's", None, True, False, [], {}, (), (1,), [[]], {"k": [1, {"n": (2, 3)}]}]
print(data)
print(repr(data) == str(data))
print({"a": [1, 2], "b": {"c": (None, "x")}, 3: 4.0})
print(((1, 2), [3, (4, [5])]))
print([1e-5, 1e16, -0.0, float("inf"), 0.1 + 0.2])
print({"nested": {"deeper": {"deepest": ["end"]}}})
print(["multi\nline", "tab\t", "back\\slash", "\x01"])
rec = [1, 2]
rec.append(rec)
print(rec)
d = {"self": None}
d["self"] = d
print(d)
print(str([1, "a"]), str(("a",)), str({"a": "b"}))
print([range(3), range(1, 10, 2)])
