import asyncio
import random

random.seed(11)

class TransientError(Exception):
    pass

async def unreliable(name):
    await asyncio.sleep(0.1)
    if random.random() < 0.6:
        raise TransientError(f"{name}: 503")
    return f"{name}: 200"

async def with_retries(name, attempts=5):
    loop = asyncio.get_running_loop()
    delay = 0.2
    for attempt in range(1, attempts + 1):
        try:
            result = await unreliable(name)
            print(f"{loop.time():.3f} {name} succeeded on attempt {attempt}")
            return result
        except TransientError as exc:
            jitter = random.uniform(0, delay / 2)
            print(f"{loop.time():.3f} {exc}; retrying in {delay + jitter:.3f}s")
            await asyncio.sleep(delay + jitter)
            delay *= 2
    return f"{name}: gave up"

async def main():
    results = await asyncio.gather(*(with_retries(n) for n in ["alpha", "beta", "gamma"]))
    print(results)

asyncio.run(main())
