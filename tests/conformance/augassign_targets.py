# Augmented assignment to attributes, subscripts and nested targets.
class Box:
    def __init__(self):
        self.count = 0
        self.items = []

b = Box()
b.count += 1
b.count += 10
b.items += ["x"]
b.items += ["y", "z"]
print(b.count, b.items)
d = {"a": 1}
d["a"] += 41
d["b"] = 0
d["b"] -= 1
print(d)
grid = [[0] * 3 for _ in range(2)]
grid[1][2] += 7
grid[0][0] -= 2
print(grid)
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts)
calls = []
def idx():
    calls.append("idx")
    return 0
arr = [100]
arr[idx()] += 1
print(arr, calls)
text = {"k": "a"}
text["k"] *= 3
print(text)
