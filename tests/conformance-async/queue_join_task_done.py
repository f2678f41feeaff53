import asyncio

async def worker(name, queue):
    loop = asyncio.get_running_loop()
    while True:
        job = await queue.get()
        print(f"{loop.time():.2f} {name} starts {job}")
        await asyncio.sleep(len(job) * 0.1)
        print(f"{loop.time():.2f} {name} finished {job}")
        queue.task_done()

async def main():
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()
    for job in ["resize", "crop", "thumbnail", "upload", "tag"]:
        queue.put_nowait(job)
    print(f"queued {queue.qsize()} jobs, unfinished tasks counter starts at 5")
    workers = [asyncio.create_task(worker(f"w{i}", queue)) for i in range(2)]
    await queue.join()
    print(f"{loop.time():.2f} all jobs done, queue empty: {queue.empty()}")
    for w in workers:
        w.cancel()
    results = await asyncio.gather(*workers, return_exceptions=True)
    print(f"workers stopped: {[type(r).__name__ for r in results]}")

asyncio.run(main())
