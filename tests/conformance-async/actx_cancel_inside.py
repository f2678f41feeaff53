import asyncio

class Lease:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        print(f"{asyncio.get_running_loop().time():.2f} {self.name} acquired")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        loop = asyncio.get_running_loop()
        print(f"{loop.time():.2f} {self.name} released, exc_type={exc_type.__name__ if exc_type else None}")
        if exc_type is asyncio.CancelledError:
            print(f"  cancel message: {exc.args}")

async def hold(name, seconds):
    async with Lease(name):
        await asyncio.sleep(seconds)
        return name

async def main():
    loop = asyncio.get_running_loop()
    t1 = asyncio.create_task(hold("short", 0.5))
    t2 = asyncio.create_task(hold("long", 5))
    await asyncio.sleep(1)
    t2.cancel("shutting down")
    await asyncio.sleep(0)
    print(f"{loop.time():.2f} t1={t1.result()} t2 cancelled={t2.cancelled()}")

asyncio.run(main())
