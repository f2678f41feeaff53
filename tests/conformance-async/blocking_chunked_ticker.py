import asyncio
import time

async def ticker(log, stop):
    loop = asyncio.get_running_loop()
    n = 0
    while not stop:
        await asyncio.sleep(0.1)
        n += 1
        log.append(f"tick{n} due {n * 0.1:.2f} ran {loop.time():.2f}")

async def chunked_work(log, stop):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0)
    for chunk in range(8):
        time.sleep(0.04)  # CPU-bound chunk: blocks the loop
        log.append(f"  chunk{chunk} ends {loop.time():.2f}")
        await asyncio.sleep(0)  # let others run between chunks
    stop.append(True)

async def main():
    log = []
    stop = []
    await asyncio.gather(ticker(log, stop), chunked_work(log, stop))
    for line in log:
        print(line)

asyncio.run(main())
