import asyncio

async def consumer(name, queue, log):
    loop = asyncio.get_running_loop()
    item = await queue.get()
    log.append(f"{name}:{item}")
    print(f"{loop.time():.2f} {name} got {item}")

async def thief(queue, log):
    # This task is already in the ready queue when the item arrives,
    # so it runs before the consumer that the put() woke up.
    item = queue.get_nowait()
    log.append(f"thief:{item}")
    print(f"{asyncio.get_running_loop().time():.2f} thief took {item} without waiting")

async def main():
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()
    log = []
    w1 = asyncio.create_task(consumer("W1", queue, log))
    await asyncio.sleep(0.1)
    w2 = asyncio.create_task(consumer("W2", queue, log))
    await asyncio.sleep(0.1)
    print(f"{loop.time():.2f} W1 and W2 wait in that order")
    t = asyncio.create_task(thief(queue, log))
    queue.put_nowait("A")
    print(f"{loop.time():.2f} put A: W1 is woken, the thief is already scheduled")
    await asyncio.sleep(0.1)
    print(f"{loop.time():.2f} W1 found the queue empty and queued again, behind W2")
    queue.put_nowait("B")
    await asyncio.sleep(0.1)
    queue.put_nowait("C")
    await asyncio.gather(w1, w2, t)
    print(log)

asyncio.run(main())
