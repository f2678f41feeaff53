import asyncio

async def leaf():
    await asyncio.sleep(10)

async def middle():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.create_task(leaf(), name="leaf")
    except asyncio.CancelledError as exc:
        print(f"{loop.time():.2f} middle sees args={exc.args}")
        raise

async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(middle(), name="middle")
    await asyncio.sleep(0.5)
    t.cancel("user pressed stop")
    try:
        await t
    except asyncio.CancelledError as exc:
        print(f"{loop.time():.2f} main sees args={exc.args}")
    names = sorted(x.get_name() for x in asyncio.all_tasks())
    print("still alive:", names)

asyncio.run(main())
