import asyncio

async def main():
    loop = asyncio.get_running_loop()
    q = asyncio.Queue()
    await q.join()
    print(f"{loop.time():.2f} join on a fresh queue returns at once")
    q.put_nowait("x")
    item = q.get_nowait()
    print(f"took {item!r}; empty={q.empty()} but the job is not marked done")

    async def finish_later():
        await asyncio.sleep(1.5)
        print(f"{loop.time():.2f} task_done()")
        q.task_done()

    helper = asyncio.create_task(finish_later())
    await q.join()
    print(f"{loop.time():.2f} join returned after task_done")
    await helper

    waiters = [asyncio.create_task(q.join()) for _ in range(3)]
    q.put_nowait("y")
    await asyncio.sleep(0.5)
    print(f"{loop.time():.2f} joiners done: {[w.done() for w in waiters]}")
    q.get_nowait()
    q.task_done()
    await asyncio.gather(*waiters)
    print(f"{loop.time():.2f} all three joiners released together")

asyncio.run(main())
