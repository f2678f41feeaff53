import asyncio

async def main():
    loop = asyncio.get_running_loop()
    ready = asyncio.Event()
    try:
        await asyncio.wait_for(ready.wait(), timeout=1)
    except asyncio.TimeoutError:
        print(f"{loop.time():.2f} still not ready after 1s")
    loop.call_later(0.5, ready.set)
    ok = await asyncio.wait_for(ready.wait(), timeout=1)
    print(f"{loop.time():.2f} ready: {ok}")

    shutdown = asyncio.Event()
    async def service():
        beats = 0
        while not shutdown.is_set():
            try:
                async with asyncio.timeout(0.3):
                    await shutdown.wait()
            except TimeoutError:
                beats += 1
        return beats
    t = asyncio.create_task(service())
    await asyncio.sleep(1)
    shutdown.set()
    print(f"{loop.time():.2f} service stopped after {await t} heartbeats")

asyncio.run(main())
