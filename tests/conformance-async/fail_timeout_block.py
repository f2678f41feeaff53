import asyncio

async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(1.0):
        for i in range(5):
            await asyncio.sleep(0.3)
            print(f"{loop.time():.2f} batch {i} written")

asyncio.run(main())
