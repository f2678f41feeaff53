import asyncio

async def waiter(fut, name):
    loop = asyncio.get_running_loop()
    value = await fut
    print(f"{loop.time():.2f} {name} got {value!r}")
    return value

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print("new future done:", fut.done(), "cancelled:", fut.cancelled())
    tasks = [asyncio.create_task(waiter(fut, f"w{i}")) for i in range(3)]
    loop.call_later(1.5, fut.set_result, {"status": "ready"})
    await asyncio.gather(*tasks)
    print("done:", fut.done(), "result:", fut.result())
    print(f"awaiting a done future again: {await fut}")

asyncio.run(main())
