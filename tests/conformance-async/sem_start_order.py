import asyncio

starts = []

async def job(sem, i, seconds):
    loop = asyncio.get_running_loop()
    async with sem:
        starts.append((round(loop.time(), 2), i))
        await asyncio.sleep(seconds)

async def main():
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(3)
    durations = [0.3, 1.0, 0.2, 0.5, 0.4, 0.1, 0.6, 0.2, 0.3, 0.1]
    await asyncio.gather(*(job(sem, i, d) for i, d in enumerate(durations)))
    for t, i in starts:
        print(f"{t:5.2f} job {i} started ({durations[i]}s)")
    print(f"all done at {loop.time():.2f}")

asyncio.run(main())
