import asyncio

async def obstinate():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} caught CancelledError and carried on")
    await asyncio.sleep(0.5)
    return "finished anyway"

async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(obstinate())
    await asyncio.sleep(1)
    task.cancel()
    result = await task
    print(f"{loop.time():.2f} result={result!r} cancelled()={task.cancelled()}")
    print(f"cancelling() still counts the request: {task.cancelling()}")

asyncio.run(main())
