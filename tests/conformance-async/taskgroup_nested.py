import asyncio

cancelled = []

async def step(name, delay, fail=False):
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        # A group cancels its tasks in set order (unspecified): collect, print sorted.
        cancelled.append(f"{name}@{loop.time():.2f}")
        raise
    if fail:
        raise RuntimeError(f"{name} failed")
    print(f"{loop.time():.2f} {name} ok")

async def stage(name, steps):
    async with asyncio.TaskGroup() as tg:
        for s, d, f in steps:
            tg.create_task(step(f"{name}.{s}", d, f))

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.TaskGroup() as outer:
            outer.create_task(stage("build", [("compile", 0.5, False), ("link", 1.5, False)]))
            outer.create_task(stage("test", [("unit", 0.7, True), ("e2e", 2.0, False)]))
            outer.create_task(step("deploy", 3.0))
    except* RuntimeError as eg:
        print(f"{loop.time():.2f} outer caught: {eg!r}")
        inner = eg.exceptions[0]
        print(f"nested group: {type(inner).__name__} with {inner.exceptions!r}")
    print(f"cancelled: {sorted(cancelled)}")

asyncio.run(main())
