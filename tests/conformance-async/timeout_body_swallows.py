import asyncio

async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(1) as cm:
        try:
            await asyncio.sleep(3)
        except asyncio.CancelledError:
            print(f"{loop.time():.2f} body swallowed the cancellation")
    print(f"{loop.time():.2f} no TimeoutError raised; expired()={cm.expired()}")
    try:
        async with asyncio.timeout(1):
            try:
                await asyncio.sleep(3)
            except asyncio.CancelledError:
                print(f"{loop.time():.2f} cleanup inside the block, then re-raise")
                await asyncio.sleep(0.5)
                raise
    except TimeoutError:
        print(f"{loop.time():.2f} TimeoutError after the cleanup")

asyncio.run(main())
