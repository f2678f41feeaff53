# 100k tasks through Semaphore(50): each holds it across one short sleep.
import asyncio

N = 100_000     # param 1..1000000  tasks
LIMIT = 50      # param 1..1000  semaphore size


async def work(sem, i, order):
    async with sem:
        await asyncio.sleep((i % 3) * 0.001)
        order.append(i)
    return i % 7


async def main():
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(LIMIT)
    order = []
    results = await asyncio.gather(*[work(sem, i, order) for i in range(N)])
    # where the finishing order puts the tasks: a cheap fingerprint of the schedule
    mix = 0
    for pos in range(0, len(order), 997):
        mix = (mix * 31 + order[pos]) % 1000000007
    print("semaphore:", len(results), sum(results), mix, round(loop.time(), 6))


asyncio.run(main())
