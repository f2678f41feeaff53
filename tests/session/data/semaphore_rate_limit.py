# Rate limiting with a semaphore: 30 requests, at most 5 in flight.
import asyncio

MAX_CONCURRENT = 5   # param 1..30  semaphore size
N_REQUESTS = 30      # param 1..100 requests


async def fetch(sem, i):
    async with sem:
        print(f"{asyncio.get_running_loop().time():.2f} req-{i} acquired")
        await asyncio.sleep(0.1 + (i * 7 % 5) * 0.05)
        print(f"{asyncio.get_running_loop().time():.2f} req-{i} released")
    return i


async def main():
    sem = asyncio.Semaphore(MAX_CONCURRENT)
    results = await asyncio.gather(*(fetch(sem, i) for i in range(N_REQUESTS)))
    print("done", len(results))


asyncio.run(main())
