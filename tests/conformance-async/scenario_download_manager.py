import asyncio

FILES = {"a.iso": 4, "b.zip": 1, "c.mp4": 3, "d.pdf": 1, "e.tar": 6}
SPEED = 2.0  # MB per second per download
MAX_PARALLEL = 2
TIMEOUT = 2.5

async def download(name, size, progress):
    loop = asyncio.get_running_loop()
    done = 0.0
    while done < size:
        step = min(1.0, size - done)
        await asyncio.sleep(step / SPEED)
        done += step
        progress[name] = done / size
    return name

async def guarded(sem, name, size, progress):
    loop = asyncio.get_running_loop()
    async with sem:
        print(f"{loop.time():.2f} start {name} ({size} MB)")
        try:
            await asyncio.wait_for(download(name, size, progress), TIMEOUT)
            print(f"{loop.time():.2f} done  {name}")
            return "ok"
        except asyncio.TimeoutError:
            print(f"{loop.time():.2f} abort {name} at {progress.get(name, 0):.0%}")
            return "timeout"

async def main():
    loop = asyncio.get_running_loop()
    sem = asyncio.Semaphore(MAX_PARALLEL)
    progress = {}
    results = await asyncio.gather(*(guarded(sem, n, s, progress) for n, s in FILES.items()))
    print(dict(zip(FILES, results)))
    print(f"{loop.time():.2f} finished")

asyncio.run(main())
