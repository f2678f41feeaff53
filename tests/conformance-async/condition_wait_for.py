import asyncio

async def consumer(cond, stock, name, need):
    loop = asyncio.get_running_loop()
    async with cond:
        await cond.wait_for(lambda: stock["units"] >= need)
        stock["units"] -= need
        print(f"{loop.time():.2f} {name} took {need}, {stock['units']} left")

async def producer(cond, stock):
    loop = asyncio.get_running_loop()
    for batch in [2, 3, 1, 4]:
        await asyncio.sleep(0.5)
        async with cond:
            stock["units"] += batch
            print(f"{loop.time():.2f} +{batch} units (now {stock['units']})")
            cond.notify_all()

async def main():
    cond = asyncio.Condition()
    stock = {"units": 0}
    await asyncio.gather(
        consumer(cond, stock, "big", 4),
        consumer(cond, stock, "small", 1),
        consumer(cond, stock, "mid", 3),
        producer(cond, stock),
    )
    print("final stock:", stock["units"])

asyncio.run(main())
