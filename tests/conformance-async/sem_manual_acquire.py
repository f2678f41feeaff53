import asyncio

async def download(sem, url, seconds):
    loop = asyncio.get_running_loop()
    await sem.acquire()
    try:
        print(f"{loop.time():.2f} GET {url}")
        await asyncio.sleep(seconds)
        if url.endswith("bad"):
            raise ConnectionError(url)
        return f"{url}: 200"
    finally:
        sem.release()
        print(f"{loop.time():.2f} released after {url}")

async def main():
    sem = asyncio.Semaphore(2)
    urls = [("/a", 0.5), ("/bad", 0.25), ("/c", 0.5), ("/d", 0.25)]
    results = await asyncio.gather(*(download(sem, u, s) for u, s in urls), return_exceptions=True)
    for r in results:
        print(repr(r))
    print("slot leak check, locked:", sem.locked())

asyncio.run(main())
