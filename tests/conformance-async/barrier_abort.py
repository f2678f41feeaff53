import asyncio

async def party(barrier, name, delay):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(delay)
    try:
        print(f"{loop.time():.2f} {name} waits ({barrier.n_waiting} already waiting)")
        await barrier.wait()
        print(f"{loop.time():.2f} {name} passed")
    except asyncio.BrokenBarrierError:
        print(f"{loop.time():.2f} {name}: BrokenBarrierError")

async def main():
    loop = asyncio.get_running_loop()
    barrier = asyncio.Barrier(4)
    tasks = [asyncio.create_task(party(barrier, n, d)) for n, d in [("a", 0.1), ("b", 0.2), ("c", 0.3)]]
    await asyncio.sleep(1)
    print(f"{loop.time():.2f} the fourth party never comes: abort()")
    await barrier.abort()
    await asyncio.gather(*tasks)
    print(f"broken={barrier.broken}")
    try:
        await barrier.wait()
    except asyncio.BrokenBarrierError as exc:
        print(f"waiting on a broken barrier: {type(exc).__name__} {exc!r}")
    await barrier.reset()
    print(f"after reset(): broken={barrier.broken}")

asyncio.run(main())
