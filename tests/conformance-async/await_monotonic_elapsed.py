import asyncio
import time

async def download(file, seconds):
    start = time.monotonic()
    await asyncio.sleep(seconds)
    elapsed = time.monotonic() - start
    print(f"{round(time.monotonic(), 3)} {file}: {round(elapsed, 3)}s")
    return elapsed

async def main():
    t0 = time.perf_counter()
    a = await download("a.txt", 0.25)
    b = await download("b.txt", 0.75)
    sequential = time.perf_counter() - t0
    print(f"sequential: {round(sequential, 3)}s (sum {round(a + b, 3)})")

    t0 = time.perf_counter()
    both = await asyncio.gather(download("c.txt", 0.25), download("d.txt", 0.75))
    concurrent = time.perf_counter() - t0
    print(f"concurrent: {round(concurrent, 3)}s (max {round(max(both), 3)})")
    print(f"speedup {sequential / concurrent:.2f}x")
    print(f"wall clock {time.strftime('%H:%M:%S', time.gmtime())}")

asyncio.run(main())
