import asyncio

async def sensor():
    loop = asyncio.get_running_loop()
    for reading in [21.0, 21.5, None, 22.0]:
        await asyncio.sleep(0.2)
        if reading is None:
            print(f"{loop.time():.2f} sensor: lost signal")
            raise ConnectionError("sensor offline")
        yield reading

async def main():
    loop = asyncio.get_running_loop()
    seen = []
    try:
        async for r in sensor():
            seen.append(r)
            print(f"{loop.time():.2f} reading {r}")
    except ConnectionError as exc:
        print(f"{loop.time():.2f} consumer caught: {exc}")
    print(f"seen {seen}")

asyncio.run(main())
