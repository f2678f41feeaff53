import asyncio
import time

def cpu_heavy(n):
    time.sleep(0.01 * n)  # stands in for a long computation
    return sum(range(n))

async def handler(name, n):
    loop = asyncio.get_running_loop()
    print(f"{loop.time():.2f} {name} starts")
    result = cpu_heavy(n)
    print(f"{loop.time():.2f} {name} computed {result}")
    await asyncio.sleep(0.1)
    print(f"{loop.time():.2f} {name} replied")

async def main():
    loop = asyncio.get_running_loop()
    await asyncio.gather(handler("A", 50), handler("B", 20), handler("C", 30))
    print(f"{loop.time():.2f} served all; each computation held up the others")

asyncio.run(main())
