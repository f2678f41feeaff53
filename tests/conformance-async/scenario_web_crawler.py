import asyncio

SITE = {
    "/": ["/about", "/blog", "/shop"],
    "/about": ["/", "/team"],
    "/blog": ["/blog/1", "/blog/2", "/"],
    "/blog/1": ["/blog/2"],
    "/blog/2": ["/blog/1", "/shop"],
    "/shop": ["/shop/cart", "/"],
    "/shop/cart": [],
    "/team": ["/about"],
}

async def fetch(path):
    await asyncio.sleep(0.1 + 0.05 * len(path))
    return SITE.get(path, [])

async def crawler(name, queue, seen, sem, log):
    loop = asyncio.get_running_loop()
    while True:
        path, depth = await queue.get()
        async with sem:
            links = await fetch(path)
        log.append(path)
        print(f"{loop.time():.2f} {name} crawled {path:<11} depth {depth} -> {len(links)} links")
        for link in links:
            if link not in seen and depth < 3:
                seen.add(link)
                queue.put_nowait((link, depth + 1))
        queue.task_done()

async def main():
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()
    seen = {"/"}
    sem = asyncio.Semaphore(2)
    log = []
    queue.put_nowait(("/", 0))
    workers = [asyncio.create_task(crawler(f"c{i}", queue, seen, sem, log)) for i in range(3)]
    await queue.join()
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
    print(f"{loop.time():.2f} crawled {len(log)} pages: {sorted(seen)}")

asyncio.run(main())
