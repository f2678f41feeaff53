import asyncio

async def critical():
    loop = asyncio.get_running_loop()
    await asyncio.sleep(1)
    print(f"{loop.time():.2f} critical section finished")
    return "committed"

async def caller():
    loop = asyncio.get_running_loop()
    inner = asyncio.ensure_future(critical())
    while True:
        try:
            return await asyncio.shield(inner)
        except asyncio.CancelledError:
            me = asyncio.current_task()
            print(f"{loop.time():.2f} cancelled (cancelling()={me.cancelling()}), waiting for commit anyway")
            me.uncancel()

async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(caller())
    await asyncio.sleep(0.3)
    t.cancel()
    await asyncio.sleep(0.3)
    t.cancel()
    result = await t
    print(f"{loop.time():.2f} result {result!r} cancelled={t.cancelled()}")

asyncio.run(main())
