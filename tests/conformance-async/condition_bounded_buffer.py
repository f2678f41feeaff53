import asyncio

class BoundedBuffer:
    def __init__(self, capacity):
        self.items = []
        self.capacity = capacity
        self.cond = asyncio.Condition()

    async def put(self, item):
        async with self.cond:
            await self.cond.wait_for(lambda: len(self.items) < self.capacity)
            self.items.append(item)
            self.cond.notify_all()

    async def get(self):
        async with self.cond:
            await self.cond.wait_for(lambda: self.items)
            item = self.items.pop(0)
            self.cond.notify_all()
            return item

async def producer(buf):
    loop = asyncio.get_running_loop()
    for i in range(6):
        await buf.put(i)
        print(f"{loop.time():.2f} put {i} buffer={buf.items}")

async def consumer(buf):
    loop = asyncio.get_running_loop()
    for _ in range(6):
        await asyncio.sleep(0.3)
        item = await buf.get()
        print(f"{loop.time():.2f}    got {item}")

async def main():
    buf = BoundedBuffer(2)
    await asyncio.gather(producer(buf), consumer(buf))

asyncio.run(main())
