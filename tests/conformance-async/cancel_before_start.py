import asyncio

ran = []

async def job(name):
    ran.append(name)
    await asyncio.sleep(1)

async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(job("early"))
    print("first cancel():", t.cancel())
    print("second cancel():", t.cancel())
    print("cancelling():", t.cancelling())
    print("done before running:", t.done())
    await asyncio.sleep(0)
    print("done after one loop pass:", t.done(), "cancelled:", t.cancelled())
    print("cancel() on a finished task:", t.cancel())
    print("coroutine body ran:", ran)
    t2 = asyncio.create_task(job("late"))
    await asyncio.sleep(0)
    print("started, cancel():", t2.cancel(), t2.cancel())
    await asyncio.sleep(0)
    print("ran:", ran, "cancelled:", t2.cancelled(), f"at {loop.time():.2f}")

asyncio.run(main())
