import asyncio

async def slow_query(sql):
    loop = asyncio.get_running_loop()
    print(f"{loop.time():.2f} running {sql!r}")
    try:
        await asyncio.sleep(5)
        return "rows"
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} query cancelled, rolling back")
        raise
    finally:
        print(f"{loop.time():.2f} connection released")

async def main():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.wait_for(slow_query("SELECT * FROM big"), timeout=1.5)
    except asyncio.TimeoutError as exc:
        print(f"{loop.time():.2f} timed out: {type(exc).__name__} {exc!r}")
        print(f"is builtin TimeoutError: {asyncio.TimeoutError is TimeoutError}")
    try:
        await asyncio.wait_for(slow_query("SELECT 1"), timeout=0.25)
    except TimeoutError:
        print(f"{loop.time():.2f} caught the builtin TimeoutError")

asyncio.run(main())
