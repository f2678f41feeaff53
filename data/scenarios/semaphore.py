# Semaphore rate limiting: 100 downloads, at most 5 at a time
#
# What to notice: every task starts at once, but only MAX_CONCURRENT of them
# hold the semaphore; the rest queue for it (the semaphore colour) and enter in
# the order they arrived, as each finished download releases a slot. Raise
# MAX_CONCURRENT and the whole run gets shorter; set it to 1 and the downloads
# run one after another.
import asyncio

N_TASKS = 100        # param 1..1000  number of downloads
MAX_CONCURRENT = 5   # param 1..50    semaphore size
DURATION = 0.2       # param 0.01..2  seconds per download


def log(text):
    print(f"{asyncio.get_running_loop().time():5.2f}s  {text}")


async def download(sem, n):
    async with sem:
        # Some downloads are slower than others, so the slots free up unevenly.
        await asyncio.sleep(DURATION * (1 + n % 3))
        return n


async def main():
    sem = asyncio.Semaphore(MAX_CONCURRENT)
    loop = asyncio.get_running_loop()
    start = loop.time()
    tasks = [asyncio.create_task(download(sem, n), name=f"download-{n}")
             for n in range(N_TASKS)]
    done = 0
    for coro in asyncio.as_completed(tasks):
        await coro
        done += 1
        if done % 10 == 0:
            log(f"{done} downloads finished")
    log(f"all {N_TASKS} done in {loop.time() - start:.2f}s")


asyncio.run(main())
