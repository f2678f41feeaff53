import asyncio

async def child(name, delay):
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(delay)
        print(f"{loop.time():.2f} {name} done")
        return name
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} {name} cancelled")
        raise

async def main():
    loop = asyncio.get_running_loop()
    group = asyncio.gather(child("x", 0.5), child("y", 1.0), child("z", 2.0))
    await asyncio.sleep(0.75)
    print(f"{loop.time():.2f} cancelling the gather: {group.cancel()}")
    try:
        await group
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} awaiting the gather raised CancelledError")
    print(f"gather.done()={group.done()} gather.cancelled()={group.cancelled()}")
    print(f"second cancel returns {group.cancel()}")

asyncio.run(main())
