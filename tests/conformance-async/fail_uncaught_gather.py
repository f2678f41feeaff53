import asyncio

async def check(url, delay, status):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(delay)
    print(f"{loop.time():.2f} {url} -> {status}")
    if status >= 500:
        raise ConnectionError(f"{url} returned {status}")
    return status

async def main():
    statuses = await asyncio.gather(
        check("/health", 0.1, 200),
        check("/api", 0.3, 502),
        check("/static", 0.5, 200),
    )
    print("not reached", statuses)

asyncio.run(main())
