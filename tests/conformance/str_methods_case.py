# upper, lower and comparisons of case.
words = ["Hello", "WORLD", "python3", "MiXeD", "", "ß", "éclair"]
for w in words:
    print(repr(w), w.upper(), w.lower())
print("abc" < "abd", "Z" < "a", "apple" < "apples", "B".lower() == "b")
names = ["bob", "Alice", "carol", "Dave"]
print(sorted(names), sorted(names, key=lambda n: n.lower()))
print("Case".upper().lower(), "ÀÉÎ".lower())
