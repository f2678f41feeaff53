import asyncio

class Countdown:
    """An awaitable object: __await__ returns a generator."""
    def __init__(self, n):
        self.n = n

    def __await__(self):
        loop = asyncio.get_running_loop()
        for i in range(self.n, 0, -1):
            print(f"{loop.time():.2f} {i}")
            yield from asyncio.sleep(0.5).__await__()
        return "go!"

class Ready:
    def __await__(self):
        return iter([])  # finishes at once with None

    def __repr__(self):
        return "Ready()"

async def main():
    loop = asyncio.get_running_loop()
    print(await Countdown(3))
    print("Ready() gives", await Ready())
    both = await asyncio.gather(Countdown(2), asyncio.sleep(0.2, result="sleep"))
    print(f"{loop.time():.2f} {both}")

asyncio.run(main())
