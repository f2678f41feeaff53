import asyncio

async def noop(i):
    await asyncio.sleep(0.1 * i)
    return i

async def main():
    loop = asyncio.get_running_loop()
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(noop(i)) for i in range(3)]
        # Tasks may add more tasks to the group while it is still open.
        async def spawner():
            await asyncio.sleep(0.25)
            tasks.append(tg.create_task(noop(5)))
            print(f"{loop.time():.2f} spawner added a task")
        tg.create_task(spawner())
    print(f"{loop.time():.2f} results {[t.result() for t in tasks]}")
    coro = noop(9)
    try:
        tg.create_task(coro)
    except RuntimeError as exc:
        print(f"after exit: RuntimeError: {exc}")
    finally:
        coro.close()

asyncio.run(main())
