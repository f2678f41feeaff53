# map and filter, lazy and single-pass.
print(list(map(len, ["a", "bb", "ccc"])))
print(list(map(lambda x, y: x * y, [1, 2, 3], [4, 5, 6, 7])))
print(list(map(str, range(4))), list(map(int, "123")), list(map(float, ["1.5", "2"])))
print(list(filter(lambda x: x % 2, range(10))), list(filter(None, [0, 1, "", "a", None, [], [0]])))
m = map(lambda x: x * 10, [1, 2, 3])
print(type(m).__name__, next(m), list(m), list(m))
f = filter(lambda s: s.startswith("a"), ["ab", "ba", "ac"])
print(type(f).__name__, list(f))
calls = []
def noisy(x):
    calls.append(x)
    return x + 1
lazy = map(noisy, [1, 2, 3])
print(calls, next(lazy), calls)
print(sum(map(abs, [-1, -2, 3])), max(map(len, "a bb ccc".split())), sorted(map(lambda s: s[::-1], ["ab", "cd"])))
print(list(map(lambda p: p[0] + p[1], zip("abc", "xyz"))))
