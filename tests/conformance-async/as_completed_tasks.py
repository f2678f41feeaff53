import asyncio

async def fetch(site, delay):
    await asyncio.sleep(delay)
    return site, delay

async def main():
    loop = asyncio.get_running_loop()
    sites = {"news": 0.8, "mail": 0.3, "maps": 1.2, "docs": 0.5}
    tasks = [asyncio.create_task(fetch(s, d)) for s, d in sites.items()]
    for i, next_done in enumerate(asyncio.as_completed(tasks), 1):
        site, delay = await next_done
        print(f"{loop.time():.2f} #{i} {site} ({delay}s)")
    print(f"{loop.time():.2f} all {len(tasks)} in")

asyncio.run(main())
