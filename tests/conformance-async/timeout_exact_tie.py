import asyncio

async def attempt(limit, work):
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.timeout(limit):
            await asyncio.sleep(work)
        return f"limit {limit} work {work}: finished at +{loop.time() - start:.2f}"
    except TimeoutError:
        return f"limit {limit} work {work}: timeout at +{loop.time() - start:.2f}"

async def main():
    for limit, work in [(2, 2), (1.0, 1), (0.5, 0.5), (1, 0.99), (1, 1.01)]:
        print(await attempt(limit, work))

asyncio.run(main())
