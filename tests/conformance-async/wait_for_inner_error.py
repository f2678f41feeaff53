import asyncio

async def parse(text, delay):
    await asyncio.sleep(delay)
    return int(text)

async def main():
    loop = asyncio.get_running_loop()
    for text, delay in [("42", 0.1), ("x7", 0.2), ("13", 2.0)]:
        try:
            value = await asyncio.wait_for(parse(text, delay), timeout=1.0)
            print(f"{loop.time():.2f} parsed {value}")
        except ValueError as exc:
            print(f"{loop.time():.2f} ValueError passed through: {exc}")
        except asyncio.TimeoutError:
            print(f"{loop.time():.2f} timeout parsing {text!r}")

asyncio.run(main())
