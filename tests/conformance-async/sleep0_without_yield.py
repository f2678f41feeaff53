import asyncio

async def greedy(name, steps, log):
    for i in range(steps):
        log.append(f"{name}{i}")

async def polite(name, steps, log):
    for i in range(steps):
        log.append(f"{name}{i}")
        await asyncio.sleep(0)

async def main():
    log = []
    # Without an await inside the loop a task runs all its steps in one go.
    await asyncio.gather(greedy("g", 3, log), polite("p", 3, log), greedy("h", 2, log))
    print(" ".join(log))

    async def nothing_to_wait():
        return "no suspension"
    log.clear()
    t = asyncio.create_task(polite("q", 2, log))
    log.append("before")
    log.append(await nothing_to_wait())
    log.append("after")
    await t
    print(" | ".join(log))

asyncio.run(main())
