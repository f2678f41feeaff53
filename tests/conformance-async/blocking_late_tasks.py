import asyncio
import time

async def timer(name, delay):
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.sleep(delay)
    late = loop.time() - start - delay
    print(f"{loop.time():.2f} {name}: asked {delay:.2f}s, {late:.2f}s late")

async def blocker():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.1)
    print(f"{loop.time():.2f} blocker starts a 2s blocking call")
    time.sleep(2)
    print(f"{loop.time():.2f} blocker returns")

async def main():
    await asyncio.gather(timer("t1", 0.5), timer("t2", 1.0), blocker(), timer("t3", 3.0))

asyncio.run(main())
