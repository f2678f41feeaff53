import asyncio
import random

random.seed(99)

async def worker(wid, jobs, stats):
    loop = asyncio.get_running_loop()
    while True:
        job = await jobs.get()
        cost = random.choice([0.1, 0.2, 0.3, 0.5, 0.8])
        await asyncio.sleep(cost)
        stats.setdefault(wid, []).append(job)
        jobs.task_done()
        if random.random() < 0.1:
            print(f"{loop.time():.2f} worker {wid} takes a coffee break")
            await asyncio.sleep(1)

async def main():
    loop = asyncio.get_running_loop()
    jobs = asyncio.Queue()
    jobs_list = random.sample(range(100, 200), 15)
    for j in jobs_list:
        jobs.put_nowait(j)
    stats = {}
    workers = [asyncio.create_task(worker(w, jobs, stats)) for w in range(4)]
    await jobs.join()
    print(f"{loop.time():.2f} all {len(jobs_list)} jobs done")
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    for wid in sorted(stats):
        print(f"worker {wid}: {len(stats[wid])} jobs {stats[wid]}")

asyncio.run(main())
