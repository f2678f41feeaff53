import asyncio

async def main():
    loop = asyncio.get_running_loop()
    # The work and the timeout end at exactly the same instant: the timeout wins.
    try:
        r = await asyncio.wait_for(asyncio.sleep(1, result="done"), 1)
        print(f"{loop.time():.2f} finished: {r}")
    except asyncio.TimeoutError:
        print(f"{loop.time():.2f} timeout won the tie")
    for work, limit in [(0.5, 0.5), (0.5, 0.75), (0.75, 0.5), (2, 2.0)]:
        start = loop.time()
        try:
            r = await asyncio.wait_for(asyncio.sleep(work, result="ok"), limit)
            outcome = r
        except asyncio.TimeoutError:
            outcome = "timeout"
        print(f"work {work} limit {limit}: {outcome} after {loop.time() - start:.2f}s")

asyncio.run(main())
