import asyncio

async def runner(lane, log):
    await asyncio.sleep(1.0)
    log.append(lane)

async def main():
    loop = asyncio.get_running_loop()
    for n in (3, 4, 7, 12, 16):
        log = []
        await asyncio.gather(*(runner(i, log) for i in range(n)))
        print(f"{loop.time():.2f} {n:>2} runners woke as {log}")

asyncio.run(main())
