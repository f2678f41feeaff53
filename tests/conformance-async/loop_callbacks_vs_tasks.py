import asyncio

async def worker(name, log):
    for i in range(2):
        log.append(f"{name}.{i}")
        await asyncio.sleep(0)

async def main():
    loop = asyncio.get_running_loop()
    log = []
    t1 = asyncio.create_task(worker("A", log))
    loop.call_soon(log.append, "cb1")
    t2 = asyncio.create_task(worker("B", log))
    loop.call_soon(log.append, "cb2")
    fut = loop.create_future()
    fut.add_done_callback(lambda f: log.append("fut-cb"))
    loop.call_soon(fut.set_result, None)
    await asyncio.gather(t1, t2, fut)
    print(" ".join(log))

asyncio.run(main())
