# collections.Counter.
from collections import Counter
c = Counter("mississippi")
print(c)
print(c["s"], c["z"], len(c), sorted(c))
print(c.most_common(2), c.most_common())
words = "the cat and the hat and the bat".split()
wc = Counter(words)
print(wc.most_common(3))
wc.update(["cat", "cat", "dog"])
print(wc["cat"], wc["dog"], wc.most_common(1))
inventory = Counter(apples=3, pears=1)
inventory["apples"] -= 1
inventory["kiwis"] += 5
print(inventory)
print(Counter([1, 1, 2]) + Counter([2, 3]), Counter({"a": 2}))
print(dict(Counter("aab")), sorted(Counter("cab")))
print(sum(Counter("hello").values()), Counter() == Counter())
