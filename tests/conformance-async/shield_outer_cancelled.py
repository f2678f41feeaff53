import asyncio

async def write_to_disk(data):
    loop = asyncio.get_running_loop()
    print(f"{loop.time():.2f} writing {data!r}")
    await asyncio.sleep(2)
    print(f"{loop.time():.2f} write of {data!r} complete")
    return len(data)

async def handler(data):
    loop = asyncio.get_running_loop()
    try:
        return await asyncio.shield(write_to_disk(data))
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} handler cancelled; the write continues")
        raise

async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(handler("important record"))
    await asyncio.sleep(0.5)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} main: handler task cancelled={t.cancelled()}")
    await asyncio.sleep(2)
    print(f"{loop.time():.2f} main: done waiting")

asyncio.run(main())
