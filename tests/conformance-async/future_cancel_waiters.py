import asyncio

async def waiter(fut, name):
    loop = asyncio.get_running_loop()
    try:
        await fut
    except asyncio.CancelledError as exc:
        print(f"{loop.time():.2f} {name}: future cancelled, args={exc.args}")
        return "gave up"

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    tasks = [asyncio.create_task(waiter(fut, f"w{i}")) for i in range(3)]
    await asyncio.sleep(1)
    fut.cancel("server went away")
    print(await asyncio.gather(*tasks))
    print("cancelled:", fut.cancelled(), "done:", fut.done())

    fut2 = loop.create_future()
    t = asyncio.create_task(waiter(fut2, "solo"))
    await asyncio.sleep(0.5)
    t.cancel()
    await asyncio.sleep(0)
    print(f"{loop.time():.2f} cancelling the waiting task cancels the future too: {fut2.cancelled()}")
    await t

asyncio.run(main())
