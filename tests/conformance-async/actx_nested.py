import asyncio

class Resource:
    def __init__(self, name, open_time):
        self.name = name
        self.open_time = open_time

    async def __aenter__(self):
        await asyncio.sleep(self.open_time)
        print(f"{asyncio.get_running_loop().time():.2f} + {self.name}")
        return self.name

    async def __aexit__(self, *exc_info):
        await asyncio.sleep(0.05)
        print(f"{asyncio.get_running_loop().time():.2f} - {self.name} ({exc_info[0].__name__ if exc_info[0] else 'ok'})")

async def main():
    loop = asyncio.get_running_loop()
    async with Resource("db", 0.2) as db, Resource("cache", 0.1) as cache:
        print(f"{loop.time():.2f} using {db} and {cache}")
        async with Resource("lock", 0.0) as lock:
            print(f"{loop.time():.2f} holding {lock}")
    try:
        async with Resource("outer", 0.1), Resource("inner", 0.1):
            raise IndexError("list index out of range")
    except IndexError as exc:
        print(f"{loop.time():.2f} {exc}")

asyncio.run(main())
