import asyncio

async def producer(name, queue, item):
    loop = asyncio.get_running_loop()
    try:
        await queue.put(item)
        print(f"{loop.time():.2f} {name} put {item}")
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} {name} gave up waiting for space")
        raise

async def main():
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue(maxsize=1)
    queue.put_nowait("seed")
    p1 = asyncio.create_task(producer("p1", queue, "one"))
    p2 = asyncio.create_task(producer("p2", queue, "two"))
    p3 = asyncio.create_task(producer("p3", queue, "three"))
    await asyncio.sleep(0.5)
    p2.cancel()
    await asyncio.sleep(0.5)
    for _ in range(3):
        item = await queue.get()
        print(f"{loop.time():.2f} main got {item}")
        await asyncio.sleep(0.5)
    await asyncio.gather(p1, p2, p3, return_exceptions=True)
    print(f"p2 cancelled: {p2.cancelled()}, queue size {queue.qsize()}")

asyncio.run(main())
