import asyncio

async def parse_config(text):
    await asyncio.sleep(0.2)
    key, value = text.split("=")
    return {key: value}

async def main():
    loop = asyncio.get_running_loop()
    good = asyncio.create_task(parse_config("debug=true"))
    bad = asyncio.create_task(parse_config("no equals sign here"))
    print(await good)
    print(f"{loop.time():.2f} awaiting the second task")
    await bad

asyncio.run(main())
