import asyncio

async def main():
    queue = asyncio.Queue()
    for job in ["a", "b"]:
        queue.put_nowait(job)
    for _ in range(3):
        job = queue.get_nowait()
        print("took", job)
        await asyncio.sleep(0.1)

asyncio.run(main())
