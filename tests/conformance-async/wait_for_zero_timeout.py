import asyncio

started = []

async def job(name):
    started.append(name)
    await asyncio.sleep(0.1)
    return name

async def main():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(job("never"), timeout=0)
    except asyncio.TimeoutError:
        print(f"{loop.time():.2f} timeout=0 raised TimeoutError")
    print(f"started so far: {started}")
    # A task that is already done is returned even with timeout=0.
    done = asyncio.create_task(job("early"))
    await asyncio.sleep(0.2)
    print(f"{loop.time():.2f} done task with timeout=0 -> {await asyncio.wait_for(done, 0)}")
    # A pending task is cancelled.
    pending = asyncio.create_task(job("pending"))
    await asyncio.sleep(0)
    try:
        await asyncio.wait_for(pending, timeout=-1)
    except asyncio.TimeoutError:
        print(f"{loop.time():.2f} negative timeout: cancelled={pending.cancelled()}")
    print(f"started: {started}")

asyncio.run(main())
