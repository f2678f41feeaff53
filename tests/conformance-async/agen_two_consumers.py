import asyncio

async def ticks(name, interval, count):
    loop = asyncio.get_running_loop()
    for i in range(count):
        await asyncio.sleep(interval)
        yield f"{name}{i}"
    print(f"{loop.time():.2f} {name} exhausted")

async def consume(gen, label):
    loop = asyncio.get_running_loop()
    got = []
    async for item in gen:
        got.append(item)
        print(f"{loop.time():.2f} {label} <- {item}")
    return got

async def main():
    results = await asyncio.gather(
        consume(ticks("a", 0.3, 3), "left"),
        consume(ticks("b", 0.4, 2), "right"),
    )
    print(results)

asyncio.run(main())
