import asyncio

async def fetch_data(name, delay):
    loop = asyncio.get_running_loop()
    print(f"{loop.time():.2f} start fetching {name}")
    await asyncio.sleep(delay)
    print(f"{loop.time():.2f} fetched {name}")
    return {"name": name, "size": len(name) * 100}

async def main():
    loop = asyncio.get_running_loop()
    # Awaiting one coroutine after the other: the delays add up.
    users = await fetch_data("users", 1.0)
    orders = await fetch_data("orders", 2.0)
    items = await fetch_data("items", 0.5)
    print(f"{loop.time():.2f} total size {users['size'] + orders['size'] + items['size']}")
    print(f"sequential run took {loop.time():.2f}s (1.0 + 2.0 + 0.5)")

asyncio.run(main())
