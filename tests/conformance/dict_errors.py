# KeyError messages and safe access patterns.
d = {"x": 1, 2: "two", (1, 2): "pair"}
for key in ["x", "y", 2, 3, (1, 2), (2, 1), None, 1.5]:
    try:
        print(repr(key), "->", d[key])
    except KeyError as e:
        print(repr(key), "-> KeyError", e, repr(e), e.args)
print(d.get("y", "default"), "y" in d)
try:
    {}.pop("gone")
except KeyError as e:
    print("pop KeyError:", e)
try:
    del d["nope"]
except KeyError as e:
    print("del KeyError:", e)
try:
    d["x"]["sub"]
except TypeError as e:
    print("TypeError:", e)
def lookup(table, *path):
    node = table
    for step in path:
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError) as e:
            return "failed at " + repr(step) + ": " + type(e).__name__
    return node
cfg = {"db": {"hosts": ["a", "b"]}}
print(lookup(cfg, "db", "hosts", 1), lookup(cfg, "db", "port"), lookup(cfg, "db", "hosts", 5), lookup(cfg, "db", "hosts", "x"))
