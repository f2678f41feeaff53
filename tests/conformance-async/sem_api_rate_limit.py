import asyncio

MAX_CONCURRENT = 3

async def call_api(sem, endpoint, stats):
    loop = asyncio.get_running_loop()
    async with sem:
        stats["in_flight"] += 1
        stats["max"] = max(stats["max"], stats["in_flight"])
        print(f"{loop.time():.2f} -> {endpoint:<8} in flight: {stats['in_flight']}")
        await asyncio.sleep(0.2 * (1 + len(endpoint) % 3))
        stats["in_flight"] -= 1
    return endpoint.upper()

async def main():
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(MAX_CONCURRENT)
    stats = {"in_flight": 0, "max": 0}
    endpoints = ["users", "orders", "items", "cart", "stock", "search", "auth", "ping"]
    answers = await asyncio.gather(*(call_api(sem, e, stats) for e in endpoints))
    print(answers)
    print(f"{loop.time():.2f} max in flight {stats['max']} (limit {MAX_CONCURRENT})")

asyncio.run(main())
