import asyncio

async def download(part, delay):
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(delay)
        print(f"{loop.time():.2f} part {part} downloaded")
        return part
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} part {part} aborted")
        raise

async def download_all():
    loop = asyncio.get_running_loop()
    try:
        return await asyncio.gather(*(download(i, 0.4 * i) for i in range(1, 5)))
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} download_all cancelled")
        raise

async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(download_all())
    await asyncio.sleep(1.0)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} task cancelled: {task.cancelled()}")
    await asyncio.sleep(1)
    print(f"{loop.time():.2f} nothing else finished")

asyncio.run(main())
