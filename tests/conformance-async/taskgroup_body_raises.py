import asyncio

cancelled = []

async def background(name):
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        # The group cancels its tasks in set order (unspecified): collect them.
        cancelled.append(f"{name}@{loop.time():.2f}")
        raise

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(background("poller"))
            tg.create_task(background("uploader"))
            await asyncio.sleep(1)
            raise LookupError("config key missing")
    except* LookupError as eg:
        print(f"{loop.time():.2f} body error wrapped: {eg!r}")
    print(f"cancelled: {sorted(cancelled)}")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(background("late"))
        print("not reached")
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} second group let CancelledError through: {tg!r}")
        print(f"cancelled: {sorted(cancelled)}")
        raise

async def run():
    t = asyncio.create_task(main())
    await asyncio.sleep(2)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(f"{asyncio.get_running_loop().time():.2f} main task cancelled")

asyncio.run(run())
