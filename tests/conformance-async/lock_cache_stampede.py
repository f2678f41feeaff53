import asyncio

cache = {}
backend_calls = []

async def load_from_backend(key):
    backend_calls.append(key)
    await asyncio.sleep(1)
    return key.upper()

async def get(key, lock):
    loop = asyncio.get_running_loop()
    if key in cache:
        return cache[key], "hit"
    async with lock:
        if key in cache:  # someone filled it while we waited
            return cache[key], f"filled while waiting ({loop.time():.2f})"
        cache[key] = await load_from_backend(key)
        return cache[key], f"loaded ({loop.time():.2f})"

async def main():
    lock = asyncio.Lock()
    results = await asyncio.gather(*(get("profile", lock) for _ in range(4)))
    for r in results:
        print(r)
    print(await get("profile", lock))
    print(f"backend called {len(backend_calls)} time(s)")

asyncio.run(main())
