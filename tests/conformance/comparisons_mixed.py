# Comparing numbers, strings and sequences; unorderable types.
print(1 == 1.0, 1 == True, 0 == False, 0.1 + 0.2 == 0.3, 2 < 2.5)
print("abc" < "abd", "abc" < "ab", "" < "a", "A" < "a", "a" > "Z")
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 99], [] < [0], [1, 2] == [1, 2])
print((1, "a") < (1, "b"), (2,) > (1, 9, 9), (1, 2) == (1, 2), (1, 2) != [1, 2])
print({"a": 1} == {"a": 1}, {"a": 1, "b": 2} == {"b": 2, "a": 1}, {1, 2} == {2, 1})
print(1 == "1", None == 0, [] == (), "1" != 1)
print(max(3, 7.5, 2), min("pear", "apple", "fig"), max([1, 2], [1, 2, 0]))
for a, b in [(1, "x"), ("x", 1), ([1], (1,)), (None, 0), ({}, {})]:
    try:
        print(a < b)
    except TypeError as e:
        print("TypeError:", e)
try:
    sorted([3, "a", 1])
except TypeError as e:
    print("TypeError:", e)
try:
    print(1 >= None)
except TypeError as e:
    print("TypeError:", e)
