# Binary search, iterative and recursive, with insertion points.
def bsearch(xs, target):
    lo, hi = 0, len(xs) - 1
    steps = 0
    while lo <= hi:
        steps += 1
        mid = (lo + hi) // 2
        if xs[mid] == target:
            return mid, steps
        if xs[mid] < target:
            lo = mid + 1
        else:
            hi = mid - 1
    return -1, steps

def insertion_point(xs, x, lo=0, hi=None):
    if hi is None:
        hi = len(xs)
    if lo >= hi:
        return lo
    mid = (lo + hi) // 2
    if xs[mid] < x:
        return insertion_point(xs, x, mid + 1, hi)
    return insertion_point(xs, x, lo, mid)

data = list(range(0, 200, 3))
for t in [0, 3, 99, 100, 198, 197, -1]:
    print(t, bsearch(data, t), insertion_point(data, t))
words = sorted(["pear", "apple", "fig", "kiwi", "banana"])
print(words, bsearch(words, "kiwi"), insertion_point(words, "grape"))
