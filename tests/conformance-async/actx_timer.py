import asyncio

class Timer:
    def __init__(self, label):
        self.label = label
        self.elapsed = None

    async def __aenter__(self):
        self.start = asyncio.get_running_loop().time()
        return self

    async def __aexit__(self, exc_type, exc, tb):
        self.elapsed = asyncio.get_running_loop().time() - self.start
        print(f"[{self.label}] {self.elapsed:.3f}s{' (failed)' if exc_type else ''}")

async def main():
    async with Timer("one sleep"):
        await asyncio.sleep(0.125)
    async with Timer("three in a row") as t:
        for d in (0.1, 0.2, 0.3):
            await asyncio.sleep(d)
    print(f"kept: {round(t.elapsed, 6)}")
    async with Timer("gathered"):
        await asyncio.gather(*(asyncio.sleep(d) for d in (0.1, 0.2, 0.3)))
    try:
        async with Timer("failing"):
            await asyncio.sleep(0.05)
            raise RuntimeError("boom")
    except RuntimeError:
        pass

asyncio.run(main())
