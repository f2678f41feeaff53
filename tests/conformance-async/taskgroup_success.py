import asyncio

async def fetch(name, delay):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(delay)
    print(f"{loop.time():.2f} {name} ready")
    return f"{name}-data"

async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(fetch("profile", 0.4))
        t2 = tg.create_task(fetch("feed", 0.9))
        t3 = tg.create_task(fetch("ads", 0.2))
        print(f"{loop.time():.2f} body done, waiting for the group")
    print(f"{loop.time():.2f} group exited")
    print([t.result() for t in (t1, t2, t3)])
    print([t.get_name() for t in (t1, t2, t3)])

asyncio.run(main())
