# An async generator of 1M items consumed with async for.
import asyncio

N = 1_000_000   # param 1..10000000  items


async def numbers(n):
    for i in range(n):
        yield i
        if i % 10000 == 0:
            await asyncio.sleep(0)


async def main():
    total = 0
    count = 0
    async for x in numbers(N):
        total += x * x % 1009
        count += 1
    print("async_gen:", count, total)


asyncio.run(main())
