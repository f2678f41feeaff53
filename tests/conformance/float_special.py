# inf and nan behaviour.
inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, inf + 1, inf * 2, -inf * -1, inf - inf, inf * 0)
print(inf > 1e308, -inf < -1e308, inf == inf, nan == nan, nan != nan, nan < 1, nan > 1)
print(float("Infinity"), float("-INF"), float("NaN"), float(" inf "))
print(1 / inf, -1 / inf, max(1.0, inf), min(-inf, 0))
print([x for x in [1.0, nan, 2.0] if x == x])
print(sorted([3.0, inf, -inf, 0.0]))
print(int(1e18), int(-2.5e15))
try:
    int(inf)
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(nan)
except ValueError as e:
    print("ValueError:", e)
print(abs(-inf), str(nan), repr(-inf))
