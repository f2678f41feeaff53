import asyncio

async def job(name, delay, fail=False):
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{loop.time():.2f}   {name} cancelled")
        raise
    if fail:
        raise ValueError(name)
    print(f"{loop.time():.2f}   {name} done")
    return name

async def main():
    loop = asyncio.get_running_loop()
    print("gather: siblings keep running after a failure")
    tasks = [asyncio.create_task(job(n, d, f)) for n, d, f in [("g1", 0.5, True), ("g2", 1.0, False)]]
    try:
        await asyncio.gather(*tasks)
    except ValueError as exc:
        print(f"{loop.time():.2f} gather raised {exc!r}")
    await asyncio.sleep(1)
    print("TaskGroup: siblings are cancelled")
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(job("t1", 0.5, True))
            tg.create_task(job("t2", 1.0))
    except* ValueError as eg:
        print(f"{loop.time():.2f} TaskGroup raised {eg!r}")

asyncio.run(main())
