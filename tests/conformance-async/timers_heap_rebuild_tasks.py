import asyncio

woke = []

async def sleeper(i):
    try:
        await asyncio.sleep(2.0)
        woke.append(i)
    except asyncio.CancelledError:
        pass

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(sleeper(i)) for i in range(110)]
    await asyncio.sleep(0.5)
    for i, t in enumerate(tasks):
        if i % 3 != 0:
            t.cancel()
    await asyncio.gather(*tasks)
    print(f"{loop.time():.2f} {len(woke)} sleepers woke")
    print(woke)

asyncio.run(main())
