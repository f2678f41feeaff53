import asyncio

async def worker(barrier, i, delay, results):
    await asyncio.sleep(delay)
    index = await barrier.wait()
    results.append((i, index))
    if index == 0:
        print(f"{asyncio.get_running_loop().time():.2f} worker {i} got index 0: it does the merge")

async def main():
    barrier = asyncio.Barrier(4)
    results = []
    delays = [0.4, 0.1, 0.3, 0.2]
    await asyncio.gather(*(worker(barrier, i, d, results) for i, d in enumerate(delays)))
    print("(worker, index):", results)
    results.clear()
    await asyncio.gather(*(worker(barrier, i, 0.0, results) for i in range(8)))
    print("two rounds of four:", results)

asyncio.run(main())
