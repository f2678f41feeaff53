# Producer and consumers: a Queue between them
#
# What to notice: the producer puts an item into the queue every PRODUCE_TIME
# seconds; the consumers wait in queue.get() (the queue colour on their lanes)
# until there is something to take. Two consumers are a little slower than
# the producer, so items pile up in the queue; add a consumer and it stays
# near empty. main() waits in queue.join() until every item is done, then
# cancels the idle consumers.
import asyncio

N_ITEMS = 8           # param 1..30     items produced
N_CONSUMERS = 2       # param 1..5      consumers
PRODUCE_TIME = 0.4    # param 0.05..2   seconds per item made
CONSUME_TIME = 1.2    # param 0.05..3   seconds per item used


def log(text):
    print(f"{asyncio.get_running_loop().time():5.2f}s  {text}")


async def producer(queue):
    for item in range(1, N_ITEMS + 1):
        await asyncio.sleep(PRODUCE_TIME)
        await queue.put(item)
        log(f"produced item {item}, queue size {queue.qsize()}")


async def consumer(name, queue):
    while True:
        item = await queue.get()
        await asyncio.sleep(CONSUME_TIME)
        log(f"{name} consumed item {item}")
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    consumers = [asyncio.create_task(consumer(f"consumer-{n}", queue),
                                     name=f"consumer-{n}")
                 for n in range(1, N_CONSUMERS + 1)]
    await asyncio.create_task(producer(queue), name="producer")
    await queue.join()
    log("every item consumed; stopping the consumers")
    for task in consumers:
        task.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)


asyncio.run(main())
