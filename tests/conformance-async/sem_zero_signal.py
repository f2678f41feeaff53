import asyncio

async def waiter(sem, name):
    loop = asyncio.get_running_loop()
    await sem.acquire()
    print(f"{loop.time():.2f} {name} got a permit")

async def main():
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(0)
    tasks = [asyncio.create_task(waiter(sem, f"w{i}")) for i in range(4)]
    await asyncio.sleep(0.5)
    print(f"{loop.time():.2f} nobody got in yet, locked={sem.locked()}")
    for i in range(4):
        sem.release()
        print(f"{loop.time():.2f} released permit {i + 1}")
        await asyncio.sleep(0.25)
    await asyncio.gather(*tasks)

asyncio.run(main())
