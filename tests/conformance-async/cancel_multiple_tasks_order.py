import asyncio

async def worker(i):
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} worker {i} got CancelledError")
        raise

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(worker(i)) for i in range(5)]
    await asyncio.sleep(1)
    # Cancel in reverse order: the tasks see it in the order cancel() was called.
    for t in reversed(tasks):
        t.cancel()
    await asyncio.sleep(0)
    print(f"{loop.time():.2f} all cancelled: {all(t.cancelled() for t in tasks)}")
    tasks = [asyncio.create_task(worker(i)) for i in range(5, 8)]
    await asyncio.sleep(1)
    for i in (1, 0, 2):
        tasks[i].cancel()
        await asyncio.sleep(0)
    print(f"{loop.time():.2f} done")

asyncio.run(main())
