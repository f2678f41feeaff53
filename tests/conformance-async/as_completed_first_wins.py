import asyncio

async def mirror(name, delay):
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(delay)
        return name
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} {name} stopped")
        raise

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(mirror(n, d), name=n)
             for n, d in [("eu-mirror", 0.7), ("us-mirror", 0.4), ("asia-mirror", 0.9)]]
    for fut in asyncio.as_completed(tasks):
        winner = await fut
        print(f"{loop.time():.2f} first answer from {winner}")
        break
    for t in tasks:
        t.cancel()
    await asyncio.wait(tasks)
    print(sorted((t.get_name(), t.cancelled()) for t in tasks))

asyncio.run(main())
