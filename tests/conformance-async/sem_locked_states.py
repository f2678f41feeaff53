import asyncio

async def holder(sem, name, seconds):
    loop = asyncio.get_running_loop()
    async with sem:
        print(f"{loop.time():.2f} {name} in (locked={sem.locked()})")
        await asyncio.sleep(seconds)
    print(f"{loop.time():.2f} {name} out (locked={sem.locked()})")

async def main():
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(2)
    print(f"start locked={sem.locked()}")
    tasks = [asyncio.create_task(holder(sem, n, s)) for n, s in [("a", 1.0), ("b", 2.0), ("c", 0.5)]]
    await asyncio.sleep(0.1)
    print(f"{loop.time():.2f} two holders + one waiter: locked={sem.locked()}")
    await asyncio.sleep(1.0)
    print(f"{loop.time():.2f} b and c hold it: locked={sem.locked()}")
    await asyncio.gather(*tasks)
    print(f"{loop.time():.2f} end locked={sem.locked()}")

asyncio.run(main())
