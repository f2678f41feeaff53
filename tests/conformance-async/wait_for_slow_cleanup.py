import asyncio

async def upload(name):
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(3)
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} {name}: cancelled, deleting partial file")
        await asyncio.sleep(0.75)
        print(f"{loop.time():.2f} {name}: cleanup done")
        raise

async def main():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(upload("video.mp4"), timeout=1)
    except asyncio.TimeoutError:
        # wait_for waits for the cleanup before raising.
        print(f"{loop.time():.2f} TimeoutError only after the cleanup")

asyncio.run(main())
