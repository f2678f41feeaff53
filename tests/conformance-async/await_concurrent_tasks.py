import asyncio

async def fetch_data(name, delay):
    loop = asyncio.get_running_loop()
    print(f"{loop.time():.2f} start fetching {name}")
    await asyncio.sleep(delay)
    print(f"{loop.time():.2f} fetched {name}")
    return {"name": name, "size": len(name) * 100}

async def main():
    loop = asyncio.get_running_loop()
    # Wrapping each coroutine in a task starts all three at once.
    t_users = asyncio.create_task(fetch_data("users", 1.0))
    t_orders = asyncio.create_task(fetch_data("orders", 2.0))
    t_items = asyncio.create_task(fetch_data("items", 0.5))
    print(f"{loop.time():.2f} three tasks created, nothing has run yet")
    users = await t_users
    print(f"{loop.time():.2f} got users: {users}")
    orders = await t_orders
    print(f"{loop.time():.2f} got orders: {orders}")
    items = await t_items
    print(f"{loop.time():.2f} got items (already done): {items}")
    print(f"concurrent run took {loop.time():.2f}s (the longest delay)")

asyncio.run(main())
