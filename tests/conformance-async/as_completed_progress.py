import asyncio

async def download(i):
    size = (i * 37) % 10 + 1
    await asyncio.sleep(size * 0.1)
    return i, size

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(download(i)) for i in range(8)]
    total = 0
    for done_count, fut in enumerate(asyncio.as_completed(tasks), 1):
        i, size = await fut
        total += size
        bar = "#" * done_count + "." * (len(tasks) - done_count)
        print(f"{loop.time():.2f} [{bar}] file{i} {size}MB (total {total}MB)")

asyncio.run(main())
