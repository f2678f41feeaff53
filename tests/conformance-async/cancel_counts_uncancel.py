import asyncio

async def patient():
    loop = asyncio.get_running_loop()
    me = asyncio.current_task()
    for attempt in range(3):
        try:
            await asyncio.sleep(1)
            print(f"{loop.time():.2f} slept in peace")
        except asyncio.CancelledError:
            print(f"{loop.time():.2f} cancelled: cancelling()={me.cancelling()}")
            left = me.uncancel()
            print(f"{loop.time():.2f} uncancel() -> {left}")
    return "survived"

async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(patient())
    await asyncio.sleep(0.5)
    t.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(1)
    t.cancel()
    t.cancel()
    print(f"{loop.time():.2f} two cancel() calls: cancelling()={t.cancelling()}")
    print(await t)
    print(f"final cancelling()={t.cancelling()} cancelled()={t.cancelled()}")

asyncio.run(main())
