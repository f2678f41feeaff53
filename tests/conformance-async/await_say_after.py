import asyncio
import time

async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(f"{round(time.monotonic(), 3)} {what}")

async def main():
    print(f"started at {time.strftime('%X')}")
    await say_after(1, "hello")
    await say_after(2, "world")
    print(f"finished at {time.strftime('%X')}")

    task1 = asyncio.create_task(say_after(1, "hello again"))
    task2 = asyncio.create_task(say_after(2, "world again"))
    print(f"started at {time.strftime('%X')}")
    await task1
    await task2
    print(f"finished at {time.strftime('%X')}")

asyncio.run(main())
