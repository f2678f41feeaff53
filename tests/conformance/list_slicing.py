# Slices with steps, slice assignment and deletion.
xs = list(range(10))
print(xs[2:5], xs[:3], xs[7:], xs[-3:], xs[:-7], xs[::3], xs[1::2])
print(xs[::-1], xs[8:2:-2], xs[-1:-4:-1], xs[5:5], xs[9:100], xs[-100:2])
ys = xs[:]
ys[0] = "changed"
print(xs[0], ys[0])
zs = xs.copy()
zs[2:5] = ["a", "b"]
print(zs)
zs[1:1] = [100, 200]
print(zs)
zs[::2] = ["E"] * len(zs[::2])
print(zs)
zs[:] = []
print(zs)
try:
    ws = list(range(6))
    ws[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
ws = list(range(8))
del ws[1:3]
print(ws)
del ws[::3]
print(ws)
ws[len(ws):] = [7, 7]
print(ws)
print([1, 2, 3][::-2], "abcdef"[1:-1:2], (0, 1, 2, 3)[::-1])
