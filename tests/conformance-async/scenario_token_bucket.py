import asyncio

class TokenBucket:
    def __init__(self, rate, capacity):
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.updated = 0.0
        self.lock = asyncio.Lock()

    async def take(self):
        loop = asyncio.get_running_loop()
        async with self.lock:
            while True:
                now = loop.time()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
                self.updated = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return
                await asyncio.sleep((1 - self.tokens) / self.rate)

async def request(bucket, i, log):
    loop = asyncio.get_running_loop()
    await bucket.take()
    log.append(f"{loop.time():.2f} request {i}")

async def main():
    bucket = TokenBucket(rate=4, capacity=3)
    log = []
    await asyncio.gather(*(request(bucket, i, log) for i in range(10)))
    print("\n".join(log))

asyncio.run(main())
