import asyncio

DONE = None

async def producer(queue, n):
    loop = asyncio.get_running_loop()
    for i in range(n):
        await asyncio.sleep(0.3)
        await queue.put(f"order-{i}")
        print(f"{loop.time():.2f} produced order-{i}")
    await queue.put(DONE)
    print(f"{loop.time():.2f} producer sent the sentinel")

async def consumer(queue):
    loop = asyncio.get_running_loop()
    handled = 0
    while True:
        item = await queue.get()
        if item is DONE:
            print(f"{loop.time():.2f} consumer got the sentinel")
            break
        await asyncio.sleep(0.5)
        handled += 1
        print(f"{loop.time():.2f} consumed {item}")
    return handled

async def main():
    queue = asyncio.Queue()
    _, handled = await asyncio.gather(producer(queue, 4), consumer(queue))
    print(f"handled {handled} orders")

asyncio.run(main())
