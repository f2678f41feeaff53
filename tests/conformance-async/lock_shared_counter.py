import asyncio

counter = 0

async def unsafe_increment(times):
    global counter
    for _ in range(times):
        value = counter
        await asyncio.sleep(0)  # a context switch between read and write
        counter = value + 1

async def safe_increment(lock, times):
    global counter
    for _ in range(times):
        async with lock:
            value = counter
            await asyncio.sleep(0)
            counter = value + 1

async def main():
    global counter
    await asyncio.gather(*(unsafe_increment(100) for _ in range(5)))
    print(f"without a lock: {counter} (expected 500)")
    counter = 0
    lock = asyncio.Lock()
    await asyncio.gather(*(safe_increment(lock, 100) for _ in range(5)))
    print(f"with a lock:    {counter}")
    print(f"virtual time used: {asyncio.get_running_loop().time()}")

asyncio.run(main())
