# 100k tasks gathered, each sleeping once (10 distinct deadlines).
import asyncio

N = 100_000  # param 1..1000000  tasks


async def work(i):
    await asyncio.sleep((i % 10) * 0.01)
    return i % 1000


async def main():
    loop = asyncio.get_running_loop()
    results = await asyncio.gather(*[work(i) for i in range(N)])
    print("gather:", len(results), sum(results), round(loop.time(), 6))


asyncio.run(main())
