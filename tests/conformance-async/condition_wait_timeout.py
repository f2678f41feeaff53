import asyncio

async def main():
    loop = asyncio.get_running_loop()
    cond = asyncio.Condition()
    async with cond:
        try:
            await asyncio.wait_for(cond.wait(), timeout=0.5)
        except asyncio.TimeoutError:
            print(f"{loop.time():.2f} timed out; lock re-acquired: {cond.locked()}")
    async def notifier():
        await asyncio.sleep(0.25)
        async with cond:
            cond.notify()
            print(f"{loop.time():.2f} notified")
    t = asyncio.create_task(notifier())
    async with cond:
        await asyncio.wait_for(cond.wait(), timeout=1)
        print(f"{loop.time():.2f} woken in time; locked: {cond.locked()}")
    await t

asyncio.run(main())
