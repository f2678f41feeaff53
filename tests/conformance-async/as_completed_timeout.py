import asyncio

async def probe(host, delay):
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(delay)
        return host
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} probe {host} cancelled")
        raise

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(probe(h, d)) for h, d in [("h1", 0.2), ("h2", 1.5), ("h3", 0.6), ("h4", 3.0)]]
    answered = []
    try:
        for fut in asyncio.as_completed(tasks, timeout=1.0):
            host = await fut
            answered.append(host)
            print(f"{loop.time():.2f} {host} answered")
    except asyncio.TimeoutError:
        print(f"{loop.time():.2f} as_completed timed out; answered {answered}")
    print(f"still running: {[t.done() for t in tasks]}")
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

asyncio.run(main())
