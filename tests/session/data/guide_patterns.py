# The other guide patterns in one program: basic await, gather, an async
# context manager, an async generator (with an early break), Lock and Event.
import asyncio


async def fetch(name, delay):
    await asyncio.sleep(delay)
    return f"{name}:{delay}"


class Connection:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await asyncio.sleep(0.1)
        print(f"open {self.name}")
        return self

    async def __aexit__(self, *exc):
        await asyncio.sleep(0.1)
        print(f"close {self.name}")
        return False


async def ticker(n):
    for i in range(n):
        await asyncio.sleep(0.2)
        yield i


async def guarded(lock, event, i):
    await event.wait()
    async with lock:
        await asyncio.sleep(0.05)
        print(f"worker {i} had the lock")


async def main():
    print(await fetch("basic", 0.5))
    print(await asyncio.gather(fetch("a", 0.3), fetch("b", 0.1), fetch("c", 0.2)))
    async with Connection("db") as conn:
        print(f"using {conn.name}")
    async for i in ticker(10):
        print(f"tick {i}")
        if i == 2:
            break
    lock, event = asyncio.Lock(), asyncio.Event()
    workers = [asyncio.create_task(guarded(lock, event, i)) for i in range(3)]
    await asyncio.sleep(0.3)
    event.set()
    await asyncio.gather(*workers)
    print("done")


asyncio.run(main())
