import asyncio

async def worker(name, jobs, results):
    loop = asyncio.get_running_loop()
    while True:
        n = await jobs.get()
        try:
            await asyncio.sleep(0.1 * n)
            if n == 4:
                raise ValueError("4 is unlucky")
            await results.put((n, n ** 2, name))
        except ValueError as exc:
            print(f"{loop.time():.2f} {name} failed on {n}: {exc}")
        finally:
            jobs.task_done()

async def main():
    loop = asyncio.get_running_loop()
    jobs = asyncio.Queue()
    results = asyncio.Queue()
    for n in [5, 1, 4, 2, 3, 6]:
        jobs.put_nowait(n)
    workers = [asyncio.create_task(worker(f"w{i}", jobs, results)) for i in range(3)]
    await jobs.join()
    print(f"{loop.time():.2f} jobs finished")
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    collected = []
    while not results.empty():
        collected.append(results.get_nowait())
    for n, sq, name in collected:
        print(f"{n}^2 = {sq:<3} by {name}")
    print("sorted:", sorted(sq for _, sq, _ in collected))

asyncio.run(main())
