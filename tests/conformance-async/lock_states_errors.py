import asyncio

async def main():
    loop = asyncio.get_running_loop()
    lock = asyncio.Lock()
    print("locked at start:", lock.locked())
    print("acquire() returns", await lock.acquire())
    print("locked now:", lock.locked())
    lock.release()
    print("released, locked:", lock.locked())
    try:
        lock.release()
    except RuntimeError as exc:
        print(f"release of an unlocked lock: RuntimeError: {exc}")

    async def holder():
        async with lock:
            await asyncio.sleep(1)

    t = asyncio.create_task(holder())
    await asyncio.sleep(0.1)
    try:
        async with asyncio.timeout(0.5):
            await lock.acquire()
    except TimeoutError:
        print(f"{loop.time():.2f} could not get the lock within 0.5s")
    await t
    async with lock:
        print(f"{loop.time():.2f} got it after the holder finished")

asyncio.run(main())
