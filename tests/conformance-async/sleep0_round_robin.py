import asyncio

async def worker(name, steps, log):
    for i in range(steps):
        log.append(f"{name}{i}")
        await asyncio.sleep(0)

async def main():
    log = []
    await asyncio.gather(worker("a", 3, log), worker("b", 5, log), worker("c", 2, log))
    print(" ".join(log))
    log.clear()
    tasks = [asyncio.create_task(worker(n, 3, log)) for n in "xyz"]
    log.append("main")
    await asyncio.sleep(0)
    log.append("main")
    await asyncio.wait(tasks)
    print(" ".join(log))

asyncio.run(main())
