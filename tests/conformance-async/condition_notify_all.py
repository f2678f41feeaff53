import asyncio

async def reader(cond, shared, name):
    loop = asyncio.get_running_loop()
    async with cond:
        while shared["version"] == 0:
            await cond.wait()
        print(f"{loop.time():.2f} {name} reads version {shared['version']}: {shared['data']}")

async def main():
    loop = asyncio.get_running_loop()
    cond = asyncio.Condition()
    shared = {"version": 0, "data": None}
    readers = [asyncio.create_task(reader(cond, shared, f"reader{i}")) for i in range(4)]
    await asyncio.sleep(1)
    async with cond:
        shared["version"] = 1
        shared["data"] = ["config", "loaded"]
        cond.notify_all()
        print(f"{loop.time():.2f} writer notified all, still holding the lock")
        await asyncio.sleep(0.5)
        print(f"{loop.time():.2f} writer releases the lock")
    await asyncio.gather(*readers)

asyncio.run(main())
