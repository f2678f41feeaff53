# Memory: N tasks all sleeping at once (run with N=0 for the baseline).
import asyncio

N = 100_000   # param 0..1000000  sleeping tasks


async def nap():
    await asyncio.sleep(1.0)


async def main():
    tasks = [asyncio.create_task(nap()) for _ in range(N)]
    await asyncio.sleep(0.5)   # all of them are asleep now
    await asyncio.sleep(1.0)   # and now all of them are done
    print("sleeping:", len(tasks), sum(1 for t in tasks if t.done()))


asyncio.run(main())
