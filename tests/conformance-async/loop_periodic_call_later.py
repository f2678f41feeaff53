import asyncio

class Periodic:
    def __init__(self, loop, interval, label, limit):
        self.loop = loop
        self.interval = interval
        self.label = label
        self.limit = limit
        self.count = 0
        self.done = loop.create_future()
        self.handle = loop.call_later(interval, self._tick)

    def _tick(self):
        self.count += 1
        print(f"{self.loop.time():.2f} {self.label} tick {self.count}")
        if self.count < self.limit:
            self.handle = self.loop.call_later(self.interval, self._tick)
        else:
            self.done.set_result(self.count)

async def main():
    loop = asyncio.get_running_loop()
    fast = Periodic(loop, 0.3, "fast", 5)
    slow = Periodic(loop, 0.7, "slow", 2)
    counts = await asyncio.gather(fast.done, slow.done)
    print(f"{loop.time():.2f} counts {counts}")

asyncio.run(main())
