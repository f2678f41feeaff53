# Assignment expressions (:=).
data = [4, 8, 15, 16, 23, 42]
if (n := len(data)) > 5:
    print("list is long:", n)
print(n)
items = iter(["a", "b", "", "c"])
while (item := next(items)):
    print("item", item)
values = [y for x in data if (y := x * 2) > 20]
print(values, y)
print([last := v for v in range(3)], last)
def parse(lines):
    out = []
    for line in lines:
        if (eq := line.find("=")) >= 0:
            out.append((line[:eq], line[eq + 1:]))
    return out
print(parse(["a=1", "junk", "b=22"]))
total = 0
print([total := total + v for v in [1, 2, 3, 4]])
print(total)
print((z := 10) + z)
if any((hit := w).startswith("q") for w in ["apple", "quince", "queen"]):
    print("first q word:", hit)
