# collections.defaultdict.
from collections import defaultdict
groups = defaultdict(list)
for word in ["apple", "bob", "avocado", "banana", "cherry"]:
    groups[word[0]].append(word)
print(groups)
print(dict(groups), groups["z"], len(groups))
counts = defaultdict(int)
for ch in "abracadabra":
    counts[ch] += 1
print(counts, counts["q"])
nested = defaultdict(lambda: defaultdict(int))
nested["x"]["y"] += 2
nested["x"]["z"] += 1
print({k: dict(v) for k, v in nested.items()})
d = defaultdict(lambda: "N/A", {"known": "yes"})
print(d["known"], d["unknown"], sorted(d))
plain = defaultdict()
try:
    plain["missing"]
except KeyError as e:
    print("KeyError:", e)
print(isinstance(groups, dict), counts.get("zz"), "zz" in counts)
