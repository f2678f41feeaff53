import asyncio

async def stage(barrier, name, work):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(work)
    async with barrier as position:
        print(f"{loop.time():.2f} {name} through the barrier at position {position}")
    return position

async def main():
    loop = asyncio.get_running_loop()
    barrier = asyncio.Barrier(2)
    positions = await asyncio.gather(stage(barrier, "left", 0.7), stage(barrier, "right", 0.2))
    print(positions)
    t = asyncio.create_task(barrier.wait())
    await asyncio.sleep(0.5)
    print(f"{loop.time():.2f} one party waiting: n_waiting={barrier.n_waiting}")
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    print(f"after cancelling it: n_waiting={barrier.n_waiting} broken={barrier.broken}")

asyncio.run(main())
