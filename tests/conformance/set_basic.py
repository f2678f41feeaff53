# Sets: membership, uniqueness, operators via methods; printed sorted for stable output.
s = {3, 1, 2, 3, 1}
print(len(s), sorted(s), 2 in s, 5 not in s)
e = set()
print(e, len(e), bool(e), type(e).__name__)
letters = set("mississippi")
print(sorted(letters), len(letters))
print(sorted(set([4, 4, 5])), sorted({x % 3 for x in range(10)}))
print({1, 2} == {2, 1}, {1} == {1.0}, set() == set([]), {1, 2} != {1})
print({5}, {"only"}, {(1, 2)})
try:
    {[1, 2]}
except TypeError as e:
    print("TypeError:", e)
try:
    s[0]
except TypeError as e:
    print("TypeError:", e)
seen = set()
dups = []
for x in [1, 4, 2, 4, 1, 5]:
    if x in seen:
        dups.append(x)
    seen.add(x)
print(dups, sorted(seen))
words = ["apple", "pie", "apple", "tart", "pie"]
print(sorted(set(words)), len(set(words)))
