import asyncio

async def fetch_data(source, delay):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(delay)
    print(f"{loop.time():.2f} {source} responded")
    return {"source": source, "rows": int(delay * 40)}

async def main():
    loop = asyncio.get_running_loop()
    data = await asyncio.wait_for(fetch_data("replica", 0.5), timeout=2.0)
    print(f"{loop.time():.2f} got {data} well before the 2.0s timeout")
    data = await asyncio.wait_for(fetch_data("primary", 1.25), timeout=1.5)
    print(f"{loop.time():.2f} got {data} with 0.25s to spare")
    # The timeout timer is gone: nothing happens at its deadline.
    await asyncio.sleep(1)
    print(f"{loop.time():.2f} later, no surprise cancellation")

asyncio.run(main())
