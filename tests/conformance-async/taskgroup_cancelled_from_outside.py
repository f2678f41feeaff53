import asyncio

cancelled = []

async def crawl(url):
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(len(url) * 0.2)
        print(f"{loop.time():.2f} crawled {url}")
    except asyncio.CancelledError:
        # The group cancels its tasks in set order (unspecified): collect them.
        cancelled.append(f"{url}@{loop.time():.2f}")
        raise

async def crawler():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.TaskGroup() as tg:
            for url in ["a.io", "bb.io", "cccc.io", "dddddd.io"]:
                tg.create_task(crawl(url))
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} crawler: group exited with CancelledError")
        raise

async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(crawler())
    await asyncio.sleep(1.1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} main: crawler cancelled={t.cancelled()}")
    print(f"crawls cancelled: {sorted(cancelled)}")

asyncio.run(main())
