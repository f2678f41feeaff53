import asyncio

async def main():
    loop = asyncio.get_running_loop()
    value = await asyncio.sleep(0.5, result="payload")
    print(f"{loop.time():.2f} sleep returned {value!r}")
    nothing = await asyncio.sleep(0.25)
    print(f"{loop.time():.2f} sleep without result returned {nothing!r}")
    numbers = await asyncio.sleep(0, result=[1, 2, 3])
    print(f"{loop.time():.2f} sleep(0) returned {numbers}")
    total = 0
    for delay in (0.1, 0.2, 0.3):
        total += await asyncio.sleep(delay, result=int(delay * 10))
        print(f"{loop.time():.2f} running total {total}")
    print(f"final time {round(loop.time(), 3)}")

asyncio.run(main())
