# 1M items through a bounded Queue(100): 4 producers, 8 consumers.
import asyncio

ITEMS = 1_000_000   # param 1..10000000  items in all
PRODUCERS = 4       # param 1..64
CONSUMERS = 8       # param 1..64
MAXSIZE = 100       # param 1..10000


async def producer(q, start, count):
    for i in range(start, start + count):
        await q.put(i)


async def consumer(q, tally):
    total = 0
    n = 0
    while True:
        item = await q.get()
        if item is None:
            q.task_done()
            break
        total += item
        n += 1
        q.task_done()
        if n % 4 == 0:
            await asyncio.sleep(0)   # let the other consumers in
    tally.append((n, total))


async def main():
    q = asyncio.Queue(maxsize=MAXSIZE)
    tally = []
    share = ITEMS // PRODUCERS
    producers = [asyncio.create_task(producer(q, p * share, share)) for p in range(PRODUCERS)]
    consumers = [asyncio.create_task(consumer(q, tally)) for _ in range(CONSUMERS)]
    await asyncio.gather(*producers)
    for _ in range(CONSUMERS):
        await q.put(None)
    await q.join()
    await asyncio.gather(*consumers)
    print("queue:", sum(n for n, _ in tally), sum(t for _, t in tally), tally[0], tally[-1])


asyncio.run(main())
