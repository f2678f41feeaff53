# range in all its forms.
print(list(range(5)), list(range(2, 8)), list(range(0, 20, 5)), list(range(10, 0, -2)))
print(list(range(0)), list(range(5, 5)), list(range(5, 0)), list(range(-3, 3)))
r = range(1, 20, 3)
print(r, len(r), r[0], r[-1], r[2:4], 7 in r, 8 in r)
print(range(3) == range(0, 3), range(0) == range(5, 5), list(reversed(range(4))))
print(sum(range(101)), max(range(7)), min(range(3, 9)), sorted(range(5), reverse=True))
for i in range(3, 0, -1):
    print("countdown", i)
try:
    range(1, 10, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(1.5)
except TypeError as e:
    print("TypeError:", e)
try:
    range(3)[5]
except IndexError as e:
    print("IndexError:", e)
print(len(range(-10, 10, 7)), list(range(-10, 10, 7)))
