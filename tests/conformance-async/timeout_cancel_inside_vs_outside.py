import asyncio

async def guarded(name):
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(2):
            await asyncio.sleep(5)
    except TimeoutError:
        print(f"{loop.time():.2f} {name}: TimeoutError")
        return "timeout"
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} {name}: real cancellation passes through as CancelledError")
        raise

async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(guarded("a"))
    b = asyncio.create_task(guarded("b"))
    await asyncio.sleep(1)
    b.cancel()
    results = await asyncio.gather(a, b, return_exceptions=True)
    print(f"{loop.time():.2f} {results!r}")

asyncio.run(main())
