import asyncio

N_TASKS = 100
MAX_CONCURRENT = 5

active = 0
peak = 0
samples = []

async def limited(sem, i):
    global active, peak
    async with sem:
        active += 1
        peak = max(peak, active)
        await asyncio.sleep(0.5 + (i % 4) * 0.25)
        active -= 1
    return i

async def monitor(stop):
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        samples.append((round(loop.time(), 2), active))
        await asyncio.sleep(1)

async def main():
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(MAX_CONCURRENT)
    stop = asyncio.Event()
    mon = asyncio.create_task(monitor(stop))
    results = await asyncio.gather(*(limited(sem, i) for i in range(N_TASKS)))
    stop.set()
    await mon
    for t, n in samples[:6]:
        print(f"{t:6.2f}s active={n} {'*' * n}")
    print("...")
    print(f"{len(results)} tasks, peak concurrency {peak}, finished at {loop.time():.2f}s")
    print(f"active counts seen: {sorted(set(n for _, n in samples))}")

asyncio.run(main())
