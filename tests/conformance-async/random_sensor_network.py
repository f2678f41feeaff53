import asyncio
import random

random.seed(5)

async def sensor(name, readings, out):
    loop = asyncio.get_running_loop()
    value = random.uniform(18, 24)
    for _ in range(readings):
        await asyncio.sleep(random.choice([0.25, 0.5, 0.75]))
        value += random.uniform(-0.5, 0.5)
        if random.randrange(10) == 0:
            print(f"{loop.time():.2f} {name} dropped a packet")
            continue
        await out.put((round(loop.time(), 2), name, round(value, 2)))

async def aggregator(out, expected_names):
    latest = {}
    while True:
        t, name, value = await out.get()
        latest[name] = value
        if set(latest) == expected_names:
            avg = sum(latest.values()) / len(latest)
            print(f"{t:.2f} {name} -> {value:6.2f} | average {avg:6.2f}")
        out.task_done()

async def main():
    out = asyncio.Queue()
    names = ["north", "south", "east"]
    agg = asyncio.create_task(aggregator(out, set(names)))
    await asyncio.gather(*(sensor(n, 6, out) for n in names))
    await out.join()
    agg.cancel()
    print(f"done at {asyncio.get_running_loop().time():.2f}")

asyncio.run(main())
