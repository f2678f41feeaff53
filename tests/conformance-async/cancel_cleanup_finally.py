import asyncio

async def session(name, files):
    loop = asyncio.get_running_loop()
    opened = []
    try:
        for f in files:
            await asyncio.sleep(0.4)
            opened.append(f)
            print(f"{loop.time():.2f} {name} opened {f}")
        await asyncio.sleep(10)
    finally:
        for f in reversed(opened):
            await asyncio.sleep(0.1)
            print(f"{loop.time():.2f} {name} closed {f}")

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(session("s1", ["a", "b", "c"])),
             asyncio.create_task(session("s2", ["x", "y"]))]
    await asyncio.sleep(1.0)
    print(f"{loop.time():.2f} cancelling both")
    for t in tasks:
        t.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    print(f"{loop.time():.2f} {[type(r).__name__ for r in results]}")

asyncio.run(main())
