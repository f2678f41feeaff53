# Views reflect the dict; their reprs and iteration.
d = {"a": 1, "b": 2}
keys = d.keys()
values = d.values()
items = d.items()
print(keys, values, items)
d["c"] = 3
print(keys, len(values), list(items))
print("a" in keys, 2 in values, ("b", 2) in items, ("b", 3) in items)
for k, v in d.items():
    print(k, "->", v)
print(sorted(d.values(), reverse=True), sum(d.values()), max(d, key=d.get))
print(list(reversed(list(d))), [k * v for k, v in d.items()])
try:
    for k in d:
        d[k + k] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
print(dict(items) == d)
