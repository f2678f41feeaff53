# str(), int(), float(), bool(), list(), tuple(), dict(), set() conversions.
print(str(1), str(1.0), str(-0.5), str(True), str(None), str([1, "a"]), str((1,)), str({"k": 1}))
print(int("12") + int(3.99) + int(True), float("2.5") + float(1), bool("x"), bool(""))
print(list("ab"), list((1, 2)), list({"a": 1}), list(range(2)), list({5}), list(x for x in "xy"))
print(tuple([1, 2]), tuple("ab"), tuple(), tuple({"k": 0}))
print(dict([("a", 1), ["b", 2]]), dict(a=1), dict({"x": 1}, y=2), dict(zip("ab", [1, 2])), dict())
print(sorted(set("banana")), sorted(set([3, 1, 3])), set(), sorted(set({"k": 1, "j": 2})))
print(str(), int(), float(), bool(), list(), tuple(), dict())
try:
    dict([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    dict([("a", 1, 2)])
except ValueError as e:
    print("ValueError:", e)
try:
    list(5)
except TypeError as e:
    print("TypeError:", e)
print(str(str("nested")), int(float("7.9")), list(list([1])), repr(str(42)))
