import asyncio

async def render(frame, seconds):
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} frame{frame} render aborted")
        raise
    return f"frame{frame}"

async def main():
    loop = asyncio.get_running_loop()
    costs = [0.3, 1.5, 1.6, 2.0]
    tasks = [asyncio.create_task(render(i, c), name=f"render-{i}") for i, c in enumerate(costs, 1)]
    for task in tasks:
        try:
            r = await asyncio.wait_for(task, timeout=0.7)
            print(f"{loop.time():.2f} {task.get_name()}: {r}")
        except asyncio.TimeoutError:
            print(f"{loop.time():.2f} {task.get_name()}: timeout, cancelled={task.cancelled()}")
    print([(t.get_name(), t.done(), t.cancelled()) for t in tasks])

asyncio.run(main())
