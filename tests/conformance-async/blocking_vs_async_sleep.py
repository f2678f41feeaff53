import asyncio
import time

async def heartbeat(n, log):
    loop = asyncio.get_running_loop()
    start = loop.time()
    for i in range(n):
        await asyncio.sleep(0.5)
        log.append(f"{loop.time():.2f} heartbeat {i} (due {start + 0.5 * (i + 1):.2f})")

async def polite_job(log):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(1.2)
    log.append(f"{loop.time():.2f} polite job done (asyncio.sleep)")

async def rude_job(log):
    loop = asyncio.get_running_loop()
    time.sleep(1.2)
    log.append(f"{loop.time():.2f} rude job done (time.sleep blocked the loop)")

async def main():
    log = []
    await asyncio.gather(heartbeat(4, log), polite_job(log))
    log.append("---")
    await asyncio.gather(heartbeat(4, log), rude_job(log))
    print("\n".join(log))

asyncio.run(main())
