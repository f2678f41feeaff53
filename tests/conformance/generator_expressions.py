# Generator expressions are lazy and single-use.
nums = [3, 1, 4, 1, 5, 9, 2, 6]
print(sum(x * x for x in nums))
print(max(x for x in nums if x % 2 == 0))
print(any(x > 8 for x in nums), all(x > 0 for x in nums))
gen = (x * 10 for x in nums)
print(type(gen).__name__)
print(next(gen), next(gen))
print(list(gen))
print(list(gen))
log = []
def noisy(x):
    log.append(x)
    return x
lazy = (noisy(x) for x in range(5))
print(log)
first_two = [next(lazy), next(lazy)]
print(first_two, log)
pairs = list((a, b) for a in range(3) for b in range(a))
print(pairs)
print(sorted((c for c in "generator"), reverse=True))
print(dict((k, len(k)) for k in ["a", "bb", "ccc"]))
print(tuple(i for i in range(4)))
print("-".join(str(i) for i in range(5)))
