import asyncio

async def inner():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} inner cancelled")
        raise

async def outer(child):
    loop = asyncio.get_running_loop()
    try:
        await child
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} outer cancelled while awaiting the child")
        raise

async def main():
    loop = asyncio.get_running_loop()
    child = asyncio.create_task(inner(), name="inner")
    parent = asyncio.create_task(outer(child), name="outer")
    await asyncio.sleep(1)
    # Cancelling the task that awaits another task cancels that task too.
    parent.cancel()
    await asyncio.gather(parent, return_exceptions=True)
    await asyncio.sleep(0)
    print(f"{loop.time():.2f} parent cancelled={parent.cancelled()} child cancelled={child.cancelled()}")

    child2 = asyncio.create_task(inner(), name="inner2")
    parent2 = asyncio.create_task(outer(child2), name="outer2")
    await asyncio.sleep(1)
    # Cancelling the awaited task: the awaiting task gets CancelledError too.
    child2.cancel()
    await asyncio.gather(parent2, return_exceptions=True)
    print(f"{loop.time():.2f} parent2 cancelled={parent2.cancelled()} child2 cancelled={child2.cancelled()}")

asyncio.run(main())
