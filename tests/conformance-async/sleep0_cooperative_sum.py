import asyncio

async def summer(name, numbers, every, trace):
    total = 0
    for i, n in enumerate(numbers, 1):
        total += n
        if i % every == 0:
            trace.append(f"{name}:{total}")
            await asyncio.sleep(0)
    return total

async def main():
    loop = asyncio.get_running_loop()
    trace = []
    totals = await asyncio.gather(
        summer("evens", range(0, 40, 2), 5, trace),
        summer("odds", range(1, 40, 2), 4, trace),
        summer("tens", range(0, 100, 10), 3, trace),
    )
    print(totals)
    print(" ".join(trace))
    print(f"virtual time did not move: {loop.time()}")

asyncio.run(main())
