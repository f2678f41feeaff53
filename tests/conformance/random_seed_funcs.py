# random.seed(N) makes every function reproduce CPython's numbers.
import random
random.seed(42)
print([random.random() for _ in range(5)])
print([random.uniform(1, 10) for _ in range(3)], random.uniform(5, -5))
print([random.randint(1, 6) for _ in range(12)])
print([random.randrange(10) for _ in range(8)], [random.randrange(5, 50, 5) for _ in range(5)])
items = ["red", "green", "blue", "cyan", "magenta"]
print([random.choice(items) for _ in range(6)], random.choice("abcdef"), random.choice(range(100, 200)))
deck = list(range(10))
random.shuffle(deck)
print(deck)
print(random.sample(items, 3), random.sample(range(1000), 5), random.sample("xyz", 3))
random.seed(42)
print(random.random())
random.seed(31337)
print(random.random(), random.randint(0, 100))
random.seed(0)
a = [random.random() for _ in range(3)]
random.seed(0)
b = [random.random() for _ in range(3)]
print(a == b, a)
