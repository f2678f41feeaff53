import asyncio

async def player(barrier, name, delay):
    await asyncio.sleep(delay)
    print(f"{name} ready")
    await barrier.wait()
    print(f"{name} starts")

async def main():
    barrier = asyncio.Barrier(3)
    t1 = asyncio.create_task(player(barrier, "p1", 0.1))
    t2 = asyncio.create_task(player(barrier, "p2", 0.2))
    await asyncio.sleep(0.5)
    await barrier.abort()
    await asyncio.gather(t1, t2)

asyncio.run(main())
