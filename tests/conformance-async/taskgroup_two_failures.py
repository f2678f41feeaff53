import asyncio

async def check(name, delay, exc=None):
    await asyncio.sleep(delay)
    if exc:
        print(f"{asyncio.get_running_loop().time():.2f} {name} raises {exc!r}")
        raise exc
    print(f"{asyncio.get_running_loop().time():.2f} {name} passed")

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(check("disk", 0.5, KeyError("sda")))
            tg.create_task(check("net", 0.5, ValueError("eth0 down")))
            tg.create_task(check("cpu", 0.5))
            tg.create_task(check("mem", 1.0, TypeError("never raised")))
    except* KeyError as eg:
        print(f"{loop.time():.2f} KeyError part: {eg.exceptions}")
    except* ValueError as eg:
        print(f"{loop.time():.2f} ValueError part: {eg.exceptions}")
    print("both handlers ran")

asyncio.run(main())
