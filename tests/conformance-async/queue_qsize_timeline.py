import asyncio

async def burst_producer(queue):
    for burst in range(3):
        for i in range(4):
            queue.put_nowait(f"b{burst}-{i}")
        await asyncio.sleep(1.0)

async def steady_consumer(queue, handled):
    while True:
        await queue.get()
        await asyncio.sleep(0.3)
        handled.append(asyncio.get_running_loop().time())
        queue.task_done()

async def monitor(queue):
    loop = asyncio.get_running_loop()
    for _ in range(8):
        print(f"{loop.time():.2f} qsize={queue.qsize():<2} {'#' * queue.qsize()}")
        await asyncio.sleep(0.5)

async def main():
    queue = asyncio.Queue()
    handled = []
    consumer = asyncio.create_task(steady_consumer(queue, handled))
    await asyncio.gather(burst_producer(queue), monitor(queue))
    await queue.join()
    consumer.cancel()
    print(f"handled {len(handled)} items, last at {handled[-1]:.2f}")

asyncio.run(main())
