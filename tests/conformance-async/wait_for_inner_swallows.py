import asyncio

async def stubborn():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(10)
        return "finished normally"
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} stubborn: ignoring the cancellation")
        await asyncio.sleep(0.5)
        return "partial result"

async def main():
    loop = asyncio.get_running_loop()
    # The inner coroutine swallows the cancellation: wait_for returns its value.
    result = await asyncio.wait_for(stubborn(), timeout=1)
    print(f"{loop.time():.2f} wait_for returned {result!r}")

asyncio.run(main())
