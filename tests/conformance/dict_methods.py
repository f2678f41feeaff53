# Every listed dict method.
d = {"apple": 3, "banana": 5}
print(d.get("apple"), d.get("cherry"), d.get("cherry", 0))
print(list(d.items()), list(d.keys()), list(d.values()))
print(d.setdefault("cherry", 7), d.setdefault("apple", 100), d)
print(d.pop("banana"), d.pop("missing", "fallback"), d)
d.update({"date": 1, "apple": 4})
d.update([("elder", 2)])
d.update(fig=6)
print(d)
c = d.copy()
c["apple"] = 0
print(d["apple"], c["apple"], c is d)
c.clear()
print(c, len(c))
groups = {}
for word in ["ant", "bee", "ape", "bat", "cat"]:
    groups.setdefault(word[0], []).append(word)
print(groups)
inventory = {"x": 1}
for key, value in inventory.items():
    print(key, value)
try:
    d.pop("nothing")
except KeyError as e:
    print("KeyError:", e)
print(d.get("apple", 0) + 1, sorted(d), sorted(d.items(), key=lambda kv: kv[1]))
print(d.update(), d.clear(), d)
