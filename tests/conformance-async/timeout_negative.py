import asyncio

async def main():
    loop = asyncio.get_running_loop()
    steps = []
    try:
        async with asyncio.timeout(-1):
            steps.append("body starts")
            steps.append("still before the first await")
            await asyncio.sleep(1)
            steps.append("after await: not reached")
    except TimeoutError:
        steps.append(f"TimeoutError at {loop.time():.2f}")
    print(steps)
    try:
        async with asyncio.timeout(0) as cm:
            await asyncio.sleep(0)
    except TimeoutError:
        print(f"timeout(0) expires at the first await too, expired()={cm.expired()}")
    async with asyncio.timeout(-1):
        print("a body without await finishes normally")
    print(f"{loop.time():.2f} done")

asyncio.run(main())
