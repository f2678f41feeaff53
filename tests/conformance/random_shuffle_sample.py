# shuffle and sample on many sizes, and their errors.
import random
random.seed(2024)
for n in [0, 1, 2, 5, 20]:
    xs = list(range(n))
    random.shuffle(xs)
    print(n, xs)
names = ["ann", "bob", "cy", "di", "ed", "flo", "gus"]
print(random.sample(names, 0), random.sample(names, 7), random.sample(names, k=2))
print(random.sample(range(100000), 4), random.sample(range(30), 25))
try:
    random.sample(names, 8)
except ValueError as e:
    print("ValueError:", e)
try:
    random.choice([])
except IndexError as e:
    print("IndexError:", e)
teams = names[:]
random.shuffle(teams)
print(teams[:3], teams[3:])
