import asyncio

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1.5) as cm:
            print(f"{loop.time():.2f} deadline at {cm.when():.2f}")
            await asyncio.sleep(5)
    except TimeoutError:
        print(f"{loop.time():.2f} TimeoutError, expired()={cm.expired()}")
    async with asyncio.timeout(2) as cm:
        await asyncio.sleep(0.5)
    print(f"{loop.time():.2f} finished in time, expired()={cm.expired()}")
    try:
        async with asyncio.timeout(0.75):
            for i in range(10):
                await asyncio.sleep(0.2)
                print(f"{loop.time():.2f} chunk {i}")
    except TimeoutError as exc:
        print(f"{loop.time():.2f} stopped mid-loop: {exc!r}, cause {exc.__cause__!r}")

asyncio.run(main())
