# Indexing and slicing strings.
s = "Hello, World"
print(s[0], s[-1], s[7], s[-5])
print(s[0:5], s[7:], s[:5], s[-5:], s[:], s[3:3])
print(s[::2], s[1::2], s[::-1], s[-1:-6:-1], s[10:2:-2])
print(s[100:], s[-100:3], s[5:1], repr(s[12:]))
print(len(s), s[len(s) - 1])
try:
    s[50]
except IndexError as e:
    print("IndexError:", e)
try:
    s[0] = "J"
except TypeError as e:
    print("TypeError:", e)
word = "racecar"
print(word == word[::-1], "python"[::-1])
for i in range(0, len(s), 4):
    print(repr(s[i:i + 4]))
print([c for c in "abc"], list("xyz"))
