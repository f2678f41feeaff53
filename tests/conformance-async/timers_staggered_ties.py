import asyncio

async def blink(name, period, count, log):
    loop = asyncio.get_running_loop()
    for _ in range(count):
        await asyncio.sleep(period)
        log.append(f"{loop.time():.2f}:{name}")

async def main():
    log = []
    await asyncio.gather(
        blink("red", 0.5, 4, log),
        blink("green", 1.0, 2, log),
        blink("blue", 0.25, 8, log),
    )
    for i in range(0, len(log), 7):
        print(" ".join(log[i:i + 7]))

asyncio.run(main())
