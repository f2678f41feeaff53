import asyncio

async def running_average():
    total = 0.0
    count = 0
    average = None
    while True:
        value = yield average
        await asyncio.sleep(0.1)
        total += value
        count += 1
        average = total / count

async def main():
    loop = asyncio.get_running_loop()
    avg = running_average()
    print("primed:", await avg.asend(None))
    for v in [10, 20, 0, 50]:
        a = await avg.asend(v)
        print(f"{loop.time():.2f} sent {v:>2} -> average {a:.2f}")
    await avg.aclose()
    print("closed")

asyncio.run(main())
