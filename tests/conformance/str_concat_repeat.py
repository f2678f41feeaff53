# Concatenation, repetition, comparison and iteration over strings.
a = "con" + "cat" + "enation"
print(a, len(a))
print("ab" * 3, 3 * "-", "x" * 0, repr("y" * -2))
print("abc" == "abc", "abc" != "abd", "a" < "b", "Zebra" < "apple", "10" < "9")
print(max("hello"), min("hello"), sorted("hello"), "".join(sorted("hello")))
count = 0
for ch in "mississippi":
    if ch == "s":
        count += 1
print(count)
try:
    "a" + 1
except TypeError as e:
    print("TypeError:", e)
try:
    "a" * 2.5
except TypeError as e:
    print("TypeError:", e)
try:
    "a" - "b"
except TypeError as e:
    print("TypeError:", e)
s = ""
for i in range(5):
    s += str(i)
print(s, str(1) + str(2.5) + str(None) + str(True) + str([1]))
