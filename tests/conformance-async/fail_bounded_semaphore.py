import asyncio

async def worker(sem, name):
    async with sem:
        await asyncio.sleep(0.2)
        print(f"{name} done")
    sem.release()  # bug: released twice

async def main():
    sem = asyncio.BoundedSemaphore(2)
    await asyncio.gather(worker(sem, "w1"), worker(sem, "w2"))

asyncio.run(main())
