import asyncio

async def compute():
    await asyncio.sleep(1)
    return 6 * 7

async def main():
    loop = asyncio.get_running_loop()
    inner = asyncio.create_task(compute())
    outer = asyncio.shield(inner)
    print(f"shield of a task returns a new future: {outer is not inner}")
    await asyncio.sleep(0.2)
    outer.cancel()
    await asyncio.sleep(0)
    print(f"{loop.time():.2f} outer cancelled={outer.cancelled()} inner done={inner.done()}")
    value = await inner
    print(f"{loop.time():.2f} inner still produced {value}")
    done = await asyncio.shield(inner)
    print(f"shield of a finished task -> {done}")

asyncio.run(main())
