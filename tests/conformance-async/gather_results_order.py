import asyncio

async def fetch(name, delay):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(delay)
    print(f"{loop.time():.2f} fetched {name}")
    return f"<{name}>"

async def main():
    loop = asyncio.get_running_loop()
    # Completion order is by delay; the result list keeps the argument order.
    results = await asyncio.gather(
        fetch("slow", 1.5),
        fetch("fast", 0.25),
        fetch("medium", 0.75),
    )
    print(f"{loop.time():.2f} results: {results}")
    pages = {name: await asyncio.sleep(0.1, result=len(name)) for name in ["a", "bb", "ccc"]}
    print(f"{loop.time():.2f} dict built with awaits: {pages}")
    sizes = await asyncio.gather(*(asyncio.sleep(0.5 - 0.1 * i, result=i) for i in range(5)))
    print(f"{loop.time():.2f} sizes: {sizes}")

asyncio.run(main())
