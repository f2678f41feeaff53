# any and all, with short-circuiting.
print(any([]), all([]), any([0, "", None]), all([1, "x", [0]]), any([0, 0, 1]), all([1, 0, 1]))
print(any(x > 5 for x in [1, 7, 3]), all(x > 0 for x in [1, 7, 3]), all("abc"), any(""))
checked = []
def big(x):
    checked.append(x)
    return x > 2
print(any(big(x) for x in [1, 3, 5, 7]), checked)
checked.clear()
print(all(big(x) for x in [3, 1, 5]), checked)
words = ["apple", "avocado", "apricot"]
print(all(w.startswith("a") for w in words), any(w.endswith("o") for w in words))
print(any([[]]), any([[0]]), all([()]), all({1: 0}), any({0: 1}))
