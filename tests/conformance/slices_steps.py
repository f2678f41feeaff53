# Slicing lists, strings, tuples and ranges with steps.
xs = list(range(20))
print(xs[::5], xs[3::4], xs[-1::-6], xs[15:3:-3], xs[::-10])
s = "abcdefghij"
print(s[::3], s[1::3], s[::-2], s[-2::-3], s[8:1:-2])
t = tuple(range(8))
print(t[::2], t[::-3], t[1:7:2])
r = range(0, 30, 3)
print(r[::2], r[1:4], r[::-1], list(r[2::3]), r[-1], len(r[::4]))
print(range(10)[3], range(5, 0, -1)[1:], list(range(10, 0, -3)))
print(xs[2:18:5][::-1], s[::-1][::2])
n = len(s)
for step in [1, 2, 3, -1, -4]:
    print(step, s[::step])
try:
    xs[::0]
except ValueError as e:
    print("ValueError:", e)
