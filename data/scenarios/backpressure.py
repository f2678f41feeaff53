# Backpressure: a bounded queue slows the producer down
#
# What to notice: the producer is faster than the consumer. With a bounded
# queue, put() waits once MAXSIZE items are queued: the producer's lane shows
# it blocked on the full queue, and from then on it runs at the consumer's
# pace. Set MAXSIZE to 0 (unbounded) and the producer races ahead, finishing
# early and leaving a pile of items behind.
import asyncio

N_ITEMS = 10          # param 1..40     items to produce
MAXSIZE = 3           # param 0..10     queue size (0: unbounded)
PRODUCE_TIME = 0.2    # param 0.05..2   seconds per item made
CONSUME_TIME = 0.8    # param 0.05..2   seconds per item used


def log(text):
    print(f"{asyncio.get_running_loop().time():5.2f}s  {text}")


async def producer(queue):
    for item in range(1, N_ITEMS + 1):
        await asyncio.sleep(PRODUCE_TIME)
        if queue.full():
            log(f"producer: queue full, waiting to put item {item}")
        await queue.put(item)
    log(f"producer: finished, {queue.qsize()} left in the queue")


async def consumer(queue):
    for _ in range(N_ITEMS):
        item = await queue.get()
        await asyncio.sleep(CONSUME_TIME)
        log(f"consumer: item {item} done, {queue.qsize()} waiting")


async def main():
    buffer = asyncio.Queue(maxsize=MAXSIZE)
    await asyncio.gather(
        asyncio.create_task(producer(buffer), name="producer"),
        asyncio.create_task(consumer(buffer), name="consumer"),
    )
    log("main: all items consumed")


asyncio.run(main())
