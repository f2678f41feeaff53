import asyncio
import random

random.seed(31337)

class Backend:
    def __init__(self, name, speed):
        self.name = name
        self.speed = speed
        self.active = 0
        self.served = 0

    async def handle(self, req):
        self.active += 1
        await asyncio.sleep(self.speed * random.uniform(0.5, 1.5))
        self.active -= 1
        self.served += 1
        return f"{req}@{self.name}"

async def main():
    loop = asyncio.get_running_loop()
    backends = [Backend("b1", 0.3), Backend("b2", 0.6), Backend("b3", 0.9)]
    pending = []
    for req in range(12):
        await asyncio.sleep(random.uniform(0.0, 0.25))
        target = min(backends, key=lambda b: (b.active, b.name))
        print(f"{loop.time():.3f} req{req} -> {target.name} (active {[b.active for b in backends]})")
        pending.append(asyncio.create_task(target.handle(f"req{req}")))
    results = await asyncio.gather(*pending)
    print(f"{loop.time():.3f} {len(results)} served: {[b.served for b in backends]}")

asyncio.run(main())
