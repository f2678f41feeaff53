import asyncio

order = []

async def user(lock, name, hold):
    loop = asyncio.get_running_loop()
    async with lock:
        order.append(name)
        print(f"{loop.time():.2f} {name} holds the lock")
        await asyncio.sleep(hold)

async def main():
    loop = asyncio.get_running_loop()
    lock = asyncio.Lock()
    tasks = []
    for i, name in enumerate(["ann", "bob", "cid", "dee"]):
        tasks.append(asyncio.create_task(user(lock, name, 0.5)))
        await asyncio.sleep(0.1)
    await asyncio.sleep(0.5)
    # A latecomer arrives just as the lock is handed over: it queues at the end.
    tasks.append(asyncio.create_task(user(lock, "eve", 0.1)))
    await asyncio.gather(*tasks)
    print(f"{loop.time():.2f} order: {order}")

asyncio.run(main())
