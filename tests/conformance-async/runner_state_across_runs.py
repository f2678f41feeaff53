import asyncio

class Counter:
    def __init__(self):
        self.queue = None

    async def setup(self):
        self.queue = asyncio.Queue()
        self.worker = asyncio.create_task(self.consume())
        return "ready"

    async def consume(self):
        total = 0
        while True:
            n = await self.queue.get()
            total += n
            print(f"{asyncio.get_running_loop().time():.2f} added {n}, total {total}")
            self.queue.task_done()

    async def feed(self, numbers):
        for n in numbers:
            await self.queue.put(n)
            await asyncio.sleep(0.1)
        await self.queue.join()
        return len(numbers)

c = Counter()
with asyncio.Runner() as runner:
    print(runner.run(c.setup()))
    print("fed", runner.run(c.feed([1, 2, 3])))
    print("the worker task survived between runs:", not c.worker.done())
    print("fed", runner.run(c.feed([10, 20])))
print("worker cancelled when the runner closed:", c.worker.cancelled())
