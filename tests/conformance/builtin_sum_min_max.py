# sum, min and max with start, key, default and several arguments.
nums = [4, -2, 9, 0, 3]
print(sum(nums), sum(nums, 100), sum([]), sum([0.1] * 3), sum([1, 2.5]), sum(range(5), start=-10))
print(min(nums), max(nums), min(3, 1, 2), max("b", "a", "c"), min("hello"), max([1, 2], [1, 3]))
words = ["kiwi", "fig", "banana", "plum"]
print(min(words, key=len), max(words, key=len), max(words, key=lambda w: w[-1]), min(words))
print(min([], default="empty"), max([], default=None), max([5], default=0))
print(max([3, 3.0]), min([3.0, 3]), max([(1, "b"), (1, "a")]), max(True, 2))
people = [("ann", 31), ("bob", 25), ("cy", 31)]
print(max(people, key=lambda p: p[1]), min(people, key=lambda p: p[1]))
for bad in [lambda: max([]), lambda: min([]), lambda: sum(["a", "b"]), lambda: max(1), lambda: sum(["a"], "")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
