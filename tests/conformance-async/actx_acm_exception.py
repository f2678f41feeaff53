import asyncio
from contextlib import asynccontextmanager

@asynccontextmanager
async def transaction(name):
    loop = asyncio.get_running_loop()
    print(f"{loop.time():.2f} BEGIN {name}")
    await asyncio.sleep(0.1)
    try:
        yield name
    except ValueError as exc:
        await asyncio.sleep(0.1)
        print(f"{loop.time():.2f} ROLLBACK {name}: {exc}")
        raise
    else:
        await asyncio.sleep(0.1)
        print(f"{loop.time():.2f} COMMIT {name}")

@asynccontextmanager
async def swallow_errors():
    try:
        yield
    except Exception as exc:
        print(f"swallowed {type(exc).__name__}: {exc}")

async def main():
    loop = asyncio.get_running_loop()
    async with transaction("t1"):
        await asyncio.sleep(0.2)
    try:
        async with transaction("t2"):
            raise ValueError("negative balance")
    except ValueError as exc:
        print(f"{loop.time():.2f} caller saw: {exc}")
    async with swallow_errors():
        raise RuntimeError("ignored inside")
    print(f"{loop.time():.2f} still running")

asyncio.run(main())
