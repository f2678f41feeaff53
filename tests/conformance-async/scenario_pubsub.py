import asyncio

class Broker:
    def __init__(self):
        self.subscribers = {}

    def subscribe(self, topic):
        q = asyncio.Queue()
        self.subscribers.setdefault(topic, []).append(q)
        return q

    async def publish(self, topic, message):
        for q in self.subscribers.get(topic, []):
            await q.put(message)

async def listener(name, queue, log):
    loop = asyncio.get_running_loop()
    while (msg := await queue.get()) is not None:
        log.append(f"{loop.time():.2f} {name} <- {msg}")
        await asyncio.sleep(0.05)

async def main():
    broker = Broker()
    log = []
    subs = [
        asyncio.create_task(listener("alice", broker.subscribe("news"), log)),
        asyncio.create_task(listener("bob", broker.subscribe("news"), log)),
        asyncio.create_task(listener("carol", broker.subscribe("sport"), log)),
    ]
    events = [(0.2, "news", "election results"), (0.1, "sport", "goal!"),
              (0.3, "news", "weather warning"), (0.0, "sport", "final whistle")]
    for delay, topic, msg in events:
        await asyncio.sleep(delay)
        await broker.publish(topic, msg)
    for topic in ("news", "sport"):
        await broker.publish(topic, None)
    await asyncio.gather(*subs)
    print("\n".join(log))

asyncio.run(main())
