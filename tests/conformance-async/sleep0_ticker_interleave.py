import asyncio

async def ticker(log, stop):
    loop = asyncio.get_running_loop()
    n = 0
    while not stop:
        await asyncio.sleep(0.1)
        n += 1
        log.append(f"tick{n}@{loop.time():.2f}")

async def chunked_work(log, stop):
    loop = asyncio.get_running_loop()
    for chunk in range(6):
        await asyncio.sleep(0.04)
        log.append(f"chunk{chunk}@{loop.time():.2f}")
        await asyncio.sleep(0)
    stop.append(True)

async def main():
    log = []
    stop = []
    await asyncio.gather(ticker(log, stop), chunked_work(log, stop))
    for line in log:
        print(line)

asyncio.run(main())
