# join, strip, lstrip, rstrip.
print(", ".join(["a", "b", "c"]))
print("".join(reversed("stressed")))
print("-".join("abc"), "|".join([]), "x".join(["only"]))
print(" ".join(str(n) for n in range(5)))
try:
    ", ".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
print(repr("  padded  ".strip()), repr("  padded  ".lstrip()), repr("  padded  ".rstrip()))
print(repr("\t\n text \n".strip()))
print("xxhixx".strip("x"), "www.example.com".strip("cmowz."), "abcba".lstrip("ab"), "abcba".rstrip("ab"))
print(repr("   ".strip()), repr("".strip()))
lines = ["  one\n", "two  \n", "\tthree"]
print([l.strip() for l in lines])
print("0042".lstrip("0"), "3.1400".rstrip("0"))
