import asyncio
import random

random.seed(2024)

async def fetch(url):
    latency = round(random.uniform(0.05, 1.5), 3)
    await asyncio.sleep(latency)
    status = random.choice([200, 200, 200, 404, 500])
    return url, latency, status

async def main():
    loop = asyncio.get_running_loop()
    urls = [f"https://example.com/page/{i}" for i in range(8)]
    tasks = [asyncio.create_task(fetch(u)) for u in urls]
    for fut in asyncio.as_completed(tasks):
        url, latency, status = await fut
        print(f"{loop.time():6.3f} {status} {url.split('/')[-1]:>2} ({latency}s)")
    ok = sum(1 for t in tasks if t.result()[2] == 200)
    print(f"{ok}/{len(urls)} ok, slowest {max(t.result()[1] for t in tasks)}s")

asyncio.run(main())
