import asyncio

async def fetch(region, server, delay):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(delay)
    print(f"{loop.time():.2f} {region}/{server}")
    return f"{server}:{int(delay * 100)}ms"

async def region(name, delays):
    results = await asyncio.gather(*(fetch(name, f"s{i}", d) for i, d in enumerate(delays)))
    return name, results

async def main():
    loop = asyncio.get_running_loop()
    regions = await asyncio.gather(
        region("eu", [0.3, 0.1]),
        region("us", [0.2, 0.4, 0.05]),
        region("asia", [0.15]),
    )
    for name, results in regions:
        print(f"{name:>4}: {results}")
    inner = asyncio.gather(fetch("x", "a", 0.1), fetch("x", "b", 0.2))
    outer = await asyncio.gather(inner, fetch("y", "c", 0.15))
    print(f"{loop.time():.2f} nested: {outer}")

asyncio.run(main())
