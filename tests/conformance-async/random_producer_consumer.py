import asyncio
import random

random.seed(7)

async def producer(name, queue, n):
    loop = asyncio.get_running_loop()
    for i in range(n):
        await asyncio.sleep(random.uniform(0.1, 0.6))
        item = (name, i, random.randint(1, 100))
        await queue.put(item)
        print(f"{loop.time():6.3f} {name} produced #{i} value={item[2]:>3} qsize={queue.qsize()}")

async def consumer(name, queue, totals):
    loop = asyncio.get_running_loop()
    while True:
        producer_name, i, value = await queue.get()
        await asyncio.sleep(random.random() * 0.5)
        totals[name] = totals.get(name, 0) + value
        print(f"{loop.time():6.3f}     {name} consumed {producer_name}#{i}")
        queue.task_done()

async def main():
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue(maxsize=3)
    totals = {}
    consumers = [asyncio.create_task(consumer(f"c{i}", queue, totals)) for i in range(2)]
    await asyncio.gather(producer("P", queue, 5), producer("Q", queue, 4))
    await queue.join()
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
    print(f"{loop.time():6.3f} totals {dict(sorted(totals.items()))} sum {sum(totals.values())}")

asyncio.run(main())
