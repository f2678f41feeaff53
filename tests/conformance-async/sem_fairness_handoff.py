import asyncio

log = []

async def waiter(sem, name):
    loop = asyncio.get_running_loop()
    print(f"{loop.time():.2f} {name} asks, locked()={sem.locked()}")
    await sem.acquire()
    log.append(name)
    print(f"{loop.time():.2f} {name} acquired")
    await asyncio.sleep(0.5)
    sem.release()

async def main():
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(1)
    await sem.acquire()
    log.append("main")
    w = asyncio.create_task(waiter(sem, "waiter"))
    await asyncio.sleep(1)
    # The newcomer is scheduled before the release, so it runs before the
    # woken waiter; release() has already handed the slot to the waiter.
    n = asyncio.create_task(waiter(sem, "newcomer"))
    sem.release()
    print(f"{loop.time():.2f} main released, locked()={sem.locked()}")
    print(f"{loop.time():.2f} main asks again right away")
    await sem.acquire()
    log.append("main again")
    print(f"{loop.time():.2f} main acquired again")
    sem.release()
    await asyncio.gather(w, n)
    print(f"order: {log}")

asyncio.run(main())
