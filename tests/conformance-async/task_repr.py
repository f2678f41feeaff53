import asyncio

async def worker(n):
    await asyncio.sleep(1)
    return n * 2

async def failing():
    raise ValueError("bad")

async def main():
    t = asyncio.create_task(worker(21))
    print(repr(t))
    await asyncio.sleep(0)
    print(repr(t))
    await t
    print(repr(t))
    c = asyncio.create_task(worker(1), name="doomed")
    c.cancel()
    await asyncio.sleep(0)
    print(repr(c))
    f = asyncio.create_task(failing())
    await asyncio.sleep(0)
    print(repr(f))
    f.exception()
    coro = worker(3)
    print(repr(coro).split(" at ")[0])
    await coro

asyncio.run(main())
