import asyncio

class Ticker:
    def __init__(self, interval, count):
        self.interval = interval
        self.count = count
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.count:
            raise StopAsyncIteration
        await asyncio.sleep(self.interval)
        self.i += 1
        return self.i

async def main():
    loop = asyncio.get_running_loop()
    async for tick in Ticker(0.5, 4):
        print(f"{loop.time():.2f} tick {tick}")
    fast = [t async for t in Ticker(0.1, 3)]
    print(f"{loop.time():.2f} collected {fast}")

    async def watch(name, interval, count):
        async for tick in Ticker(interval, count):
            print(f"{loop.time():.2f} {name} {tick}")
    await asyncio.gather(watch("slow", 0.3, 2), watch("fast", 0.2, 3))

asyncio.run(main())
