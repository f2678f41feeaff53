# 50k concurrent wait_for() calls; every other one times out.
import asyncio

N = 50_000   # param 1..1000000  wait_for calls


async def job(i):
    await asyncio.sleep(0.002 if i % 2 else 0.010)
    return i


async def guarded(i):
    try:
        return await asyncio.wait_for(job(i), timeout=0.005)
    except asyncio.TimeoutError:
        return -1


async def main():
    loop = asyncio.get_running_loop()
    results = await asyncio.gather(*[guarded(i) for i in range(N)])
    timed_out = sum(1 for r in results if r == -1)
    print("wait_for:", len(results), timed_out, sum(r for r in results if r >= 0),
          round(loop.time(), 6))


asyncio.run(main())
