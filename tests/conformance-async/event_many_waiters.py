import asyncio

async def runner(i, start, finished):
    await start.wait()
    await asyncio.sleep(0.1 * (i % 3))
    finished.append(i)

async def main():
    loop = asyncio.get_running_loop()
    start = asyncio.Event()
    finished = []
    tasks = [asyncio.create_task(runner(i, start, finished)) for i in range(12)]
    await asyncio.sleep(2)
    print(f"{loop.time():.2f} nobody finished yet: {finished}")
    start.set()
    await asyncio.gather(*tasks)
    print(f"{loop.time():.2f} finish order: {finished}")

asyncio.run(main())
