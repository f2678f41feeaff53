import asyncio

async def worker(cond, name, log):
    loop = asyncio.get_running_loop()
    async with cond:
        await cond.wait()
        log.append(name)
        print(f"{loop.time():.2f} {name} woke up")

async def main():
    loop = asyncio.get_running_loop()
    cond = asyncio.Condition()
    log = []
    tasks = [asyncio.create_task(worker(cond, f"w{i}", log)) for i in range(6)]
    await asyncio.sleep(0.5)
    async with cond:
        cond.notify()
    await asyncio.sleep(0.5)
    async with cond:
        cond.notify(2)
    await asyncio.sleep(0.5)
    async with cond:
        cond.notify(10)  # more than are waiting: wakes the rest
    await asyncio.gather(*tasks)
    print(f"{loop.time():.2f} wake order {log}")

asyncio.run(main())
