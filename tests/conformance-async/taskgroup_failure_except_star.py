import asyncio

cancelled = []

async def worker(name, delay, fail=False):
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(delay)
        if fail:
            print(f"{loop.time():.2f} {name} failing")
            raise ValueError(f"{name} got bad input")
        print(f"{loop.time():.2f} {name} finished")
    except asyncio.CancelledError:
        # The group cancels its remaining tasks in an unspecified order
        # (it iterates a set), so only collect the names here.
        cancelled.append(f"{name}@{loop.time():.2f}")
        raise

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(worker("a", 0.5))
            tg.create_task(worker("b", 1.0, fail=True))
            tg.create_task(worker("c", 2.0))
            tg.create_task(worker("d", 3.0))
    except* ValueError as eg:
        print(f"{loop.time():.2f} except* ValueError: {eg.exceptions}")
    print(f"cancelled by the group: {sorted(cancelled)}")
    print(f"{loop.time():.2f} carrying on")

asyncio.run(main())
