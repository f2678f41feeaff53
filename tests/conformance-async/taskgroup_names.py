import asyncio

async def report():
    await asyncio.sleep(0.1)
    return asyncio.current_task().get_name()

async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(report(), name="downloader")
        b = tg.create_task(report())
        c = tg.create_task(report(), name="parser")
        d = tg.create_task(report())
    print([t.result() for t in (a, b, c, d)])
    # name= still uses up a Task-N number.
    print("next:", asyncio.create_task(report()).get_name())

asyncio.run(main())
