import asyncio

log = []

async def worker(name):
    log.append(f"{name} started")
    await asyncio.sleep(0.5)
    log.append(f"{name} finished")
    return name.upper()

async def main():
    loop = asyncio.get_running_loop()
    coro = worker("coro")
    task = asyncio.create_task(worker("task"))
    log.append("main: created both")
    # The task only starts when main yields to the event loop.
    log.append(f"main: task done? {task.done()}")
    await asyncio.sleep(0)
    log.append("main: after sleep(0)")
    result = await coro
    log.append(f"main: coro returned {result}")
    log.append(f"main: task done? {task.done()}, result {task.result()}")
    for line in log:
        print(line)
    print(f"elapsed {loop.time():.2f}")

asyncio.run(main())
