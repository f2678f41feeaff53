import asyncio

async def compute(x):
    await asyncio.sleep(0.1)
    return x + 1

async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.ensure_future(compute(1))
    print("coroutine ->", type(t).__name__, t.get_name())
    print("task -> same object:", asyncio.ensure_future(t) is t)
    fut = loop.create_future()
    print("future -> same object:", asyncio.ensure_future(fut) is fut)
    fut.set_result("f")
    try:
        asyncio.ensure_future(42)
    except TypeError as exc:
        print(f"ensure_future(42): TypeError: {exc}")
    print(await t, await fut)
    loop_task = loop.create_task(compute(10), name="via-loop")
    print(loop_task.get_name(), await loop_task)

asyncio.run(main())
