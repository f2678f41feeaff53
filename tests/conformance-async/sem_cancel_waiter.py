import asyncio

async def client(sem, name, seconds):
    loop = asyncio.get_running_loop()
    try:
        async with sem:
            print(f"{loop.time():.2f} {name} served")
            await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} {name} left the line")
        raise

async def main():
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(1)
    names = ["ann", "ben", "cat", "dan"]
    tasks = {n: asyncio.create_task(client(sem, n, 1.0)) for n in names}
    await asyncio.sleep(0.5)
    tasks["ben"].cancel()
    await asyncio.sleep(1.0)
    tasks["dan"].cancel()
    await asyncio.gather(*tasks.values(), return_exceptions=True)
    print({n: ("cancelled" if t.cancelled() else "served") for n, t in tasks.items()})
    print(f"{loop.time():.2f} locked={sem.locked()}")

asyncio.run(main())
