import asyncio

async def producer(name, queue, count, interval):
    for i in range(count):
        await asyncio.sleep(interval)
        item = f"{name}{i}"
        await queue.put(item)
        print(f"{asyncio.get_running_loop().time():.2f} {name} put {item} (size {queue.qsize()})")

async def consumer(name, queue, log):
    while True:
        item = await queue.get()
        await asyncio.sleep(0.4)
        log.append((name, item))
        print(f"{asyncio.get_running_loop().time():.2f}     {name} handled {item}")
        queue.task_done()

async def main():
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()
    log = []
    consumers = [asyncio.create_task(consumer(f"C{i}", queue, log)) for i in range(3)]
    await asyncio.gather(
        producer("a", queue, 4, 0.2),
        producer("b", queue, 3, 0.3),
    )
    print(f"{loop.time():.2f} producers done, waiting for the queue")
    await queue.join()
    print(f"{loop.time():.2f} queue drained")
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)
    per_consumer = {}
    for name, item in log:
        per_consumer.setdefault(name, []).append(item)
    for name in sorted(per_consumer):
        print(name, per_consumer[name])

asyncio.run(main())
