# ljust, rjust and center with fill characters.
for w in ["a", "abc", "abcdef", "toolongword"]:
    print("[" + w.ljust(8) + "]", "[" + w.rjust(8) + "]", "[" + w.center(8) + "]")
print("[" + "x".center(4, "*") + "]", "[" + "xy".center(5, "-") + "]", "[" + "abc".center(6, ".") + "]")
print("7".rjust(3, "0"), "left".ljust(10, "."), "mid".center(9, "="))
rows = [("apples", 3, 0.5), ("kiwis", 12, 0.25), ("watermelons", 1, 3.0)]
print("item".ljust(12) + "qty".rjust(5) + "price".rjust(8))
for name, qty, price in rows:
    print(name.ljust(12) + str(qty).rjust(5) + str(price).rjust(8))
print("-" * 25)
print("[" + "".center(3) + "]", "[" + "odd".center(4) + "]", "[" + "ab".center(5) + "]")
