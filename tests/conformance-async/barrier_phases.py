import asyncio

async def racer(barrier, name, times):
    loop = asyncio.get_running_loop()
    for phase, t in enumerate(times, 1):
        await asyncio.sleep(t)
        print(f"{loop.time():.2f} {name} reached checkpoint {phase}")
        await barrier.wait()
        print(f"{loop.time():.2f} {name} continues after checkpoint {phase}")

async def main():
    barrier = asyncio.Barrier(3)
    print(f"parties={barrier.parties} n_waiting={barrier.n_waiting} broken={barrier.broken}")
    await asyncio.gather(
        racer(barrier, "ant", [0.5, 0.25]),
        racer(barrier, "bee", [1.0, 0.5]),
        racer(barrier, "cat", [0.25, 1.0]),
    )
    print(f"n_waiting={barrier.n_waiting} broken={barrier.broken}")

asyncio.run(main())
