import asyncio

async def slow_value():
    await asyncio.sleep(1)
    return "value"

async def main():
    loop = asyncio.get_running_loop()
    # The clock is read before the await inside the same f-string runs.
    print(f"{loop.time():.2f} {await slow_value()} {loop.time():.2f}")
    value = await slow_value()
    print(f"{loop.time():.2f} {value}")
    t = asyncio.create_task(slow_value())
    print(f"start={loop.time():.2f} result={await t} end={loop.time():.2f}")
    args = [loop.time(), await asyncio.sleep(0.5, result="x"), loop.time()]
    print(args)

asyncio.run(main())
