import asyncio

async def waker(name, delay, log):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(delay)
    log.append((name, loop.time()))

async def main():
    loop = asyncio.get_running_loop()
    log = []
    # b's deadline is a hair (0.1 ns) after a's: within the clock resolution,
    # so both fire in the same loop iteration. e is 5 ns after d: a separate one.
    await asyncio.gather(
        waker("a", 1.0, log),
        waker("b", 1.0 + 1e-10, log),
        waker("c", 1.5, log),
        waker("d", 2.0, log),
        waker("e", 2.0 + 5e-9, log),
    )
    for name, t in log:
        print(f"{name} woke at {t!r}")
    print(f"end {loop.time()!r}")

asyncio.run(main())
