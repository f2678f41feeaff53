import asyncio

async def numbers(n, delay=0.1):
    for i in range(n):
        await asyncio.sleep(delay)
        yield i

async def double(x):
    await asyncio.sleep(0.05)
    return 2 * x

async def main():
    loop = asyncio.get_running_loop()
    squares = [x * x async for x in numbers(5)]
    print(f"{loop.time():.2f} squares {squares}")
    evens = [x async for x in numbers(8) if x % 2 == 0]
    print(f"{loop.time():.2f} evens {evens}")
    doubled = [await double(x) for x in range(4)]
    print(f"{loop.time():.2f} doubled {doubled}")
    table = {x: await double(x) async for x in numbers(3)}
    print(f"{loop.time():.2f} table {table}")
    unique = {x % 3 async for x in numbers(6, 0)}
    print(f"{loop.time():.2f} residues {sorted(unique)}")
    total = sum([x async for x in numbers(10, 0.01)])
    print(f"{loop.time():.2f} total {total}")

asyncio.run(main())
