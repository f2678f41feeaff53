import asyncio
import time

async def measure(label, coro_fn):
    t0 = time.perf_counter()
    await coro_fn()
    print(f"{label:<28} {round(time.perf_counter() - t0, 3)}s")

async def three_async():
    await asyncio.gather(*(asyncio.sleep(1) for _ in range(3)))

async def three_blocking():
    async def one():
        time.sleep(1)
    await asyncio.gather(*(one() for _ in range(3)))

async def main():
    await measure("3 x asyncio.sleep(1):", three_async)
    await measure("3 x time.sleep(1):", three_blocking)
    print(f"monotonic now: {time.monotonic()}")
    print(f"time.time() - 1700000000 = {round(time.time() - 1700000000, 3)}")

asyncio.run(main())
