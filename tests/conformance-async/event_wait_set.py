import asyncio

async def waiter(event, name):
    loop = asyncio.get_running_loop()
    print(f"{loop.time():.2f} {name} waiting")
    result = await event.wait()
    print(f"{loop.time():.2f} {name} released, wait() returned {result}")

async def main():
    loop = asyncio.get_running_loop()
    event = asyncio.Event()
    print("is_set:", event.is_set())
    tasks = [asyncio.create_task(waiter(event, f"w{i}")) for i in range(3)]
    await asyncio.sleep(1)
    print(f"{loop.time():.2f} setting the event")
    event.set()
    print(f"{loop.time():.2f} set() returned, waiters not run yet")
    await asyncio.gather(*tasks)
    print(f"{loop.time():.2f} wait() on a set event returns at once: {await event.wait()}")

asyncio.run(main())
