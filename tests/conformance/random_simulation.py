# A seeded Monte Carlo simulation.
import random
random.seed(99)
inside = 0
N = 2000
for _ in range(N):
    x, y = random.random(), random.random()
    if x * x + y * y <= 1.0:
        inside += 1
print("pi estimate:", 4 * inside / N)
walk = 0
path = []
for step in range(20):
    walk += random.choice([-1, 1])
    path.append(walk)
print(path)
queue = []
t = 0.0
for i in range(5):
    t += random.uniform(0.5, 2.0)
    queue.append((round(t, 3), random.randint(1, 10)))
print(queue)
