import asyncio

async def producer(queue):
    loop = asyncio.get_running_loop()
    for i in range(6):
        print(f"{loop.time():.2f} producer wants to put {i} (full={queue.full()})")
        await queue.put(i)
        print(f"{loop.time():.2f} producer put {i} (size={queue.qsize()})")
    await queue.put(None)

async def slow_consumer(queue):
    loop = asyncio.get_running_loop()
    while (item := await queue.get()) is not None:
        print(f"{loop.time():.2f}   consumer took {item}")
        await asyncio.sleep(1)

async def main():
    queue = asyncio.Queue(maxsize=2)
    print(f"maxsize={queue.maxsize} empty={queue.empty()} full={queue.full()}")
    await asyncio.gather(producer(queue), slow_consumer(queue))
    print(f"{asyncio.get_running_loop().time():.2f} done")

asyncio.run(main())
