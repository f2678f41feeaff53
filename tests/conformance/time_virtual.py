# The time module on the virtual clock.
import time
start = time.monotonic()
print(start, time.perf_counter(), time.time())
time.sleep(1.5)
print(time.monotonic(), time.perf_counter() - start, time.time())
time.sleep(0.25)
time.sleep(0)
print(time.monotonic())
t0 = time.perf_counter()
total = 0
for i in range(1000):
    total += i
elapsed = time.perf_counter() - t0
print("loop took", elapsed, "virtual seconds", total)
for _ in range(3):
    time.sleep(0.1)
print(time.monotonic(), round(time.monotonic(), 6))
try:
    time.sleep(-1)
except ValueError as e:
    print("ValueError:", e)
print(f"{time.time():.3f}", int(time.time()))
