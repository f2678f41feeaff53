import asyncio

async def long_job(steps):
    loop = asyncio.get_running_loop()
    for i in range(steps):
        await asyncio.sleep(10)
        print(f"{loop.time():.2f} step {i + 1}/{steps}")
    return steps * 10

async def main():
    loop = asyncio.get_running_loop()
    # timeout=None means wait as long as it takes.
    result = await asyncio.wait_for(long_job(3), timeout=None)
    print(f"{loop.time():.2f} result {result}")
    task = asyncio.create_task(long_job(1))
    result = await asyncio.wait_for(task, None)
    print(f"{loop.time():.2f} task result {result}, done={task.done()}")

asyncio.run(main())
