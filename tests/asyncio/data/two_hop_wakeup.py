import asyncio

async def ticker(loop):
    for _ in range(4):
        await asyncio.sleep(0.1)
        print(f"tick {loop.time():.2f}")

async def worker(loop):
    for chunk in range(6):
        for _ in range(3):
            await asyncio.sleep(0)
        print(f"chunk {chunk} {loop.time():.2f}")
        await asyncio.sleep(0.05)

async def main():
    loop = asyncio.get_running_loop()
    await asyncio.gather(ticker(loop), worker(loop))

asyncio.run(main())
