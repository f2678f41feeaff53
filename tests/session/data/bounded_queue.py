# Producer/consumer over a bounded queue: the producer outpaces two consumers
# and blocks on put() whenever the queue holds 3 items.
import asyncio


async def producer(queue, n):
    for i in range(n):
        await queue.put(i)
        print(f"{asyncio.get_running_loop().time():.2f} put {i} size={queue.qsize()}")
        await asyncio.sleep(0.05)
    for _ in range(2):
        await queue.put(None)


async def consumer(name, queue):
    while True:
        item = await queue.get()
        if item is None:
            queue.task_done()
            break
        await asyncio.sleep(0.3)
        print(f"{asyncio.get_running_loop().time():.2f} {name} got {item}")
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=3)
    consumers = [asyncio.create_task(consumer(f"c{i}", queue)) for i in range(2)]
    await producer(queue, 20)
    await queue.join()
    await asyncio.gather(*consumers)
    print("all consumed")


asyncio.run(main())
