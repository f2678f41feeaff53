import asyncio

class DatabaseConnection:
    async def __aenter__(self):
        await asyncio.sleep(0.1)
        print(f"{asyncio.get_running_loop().time():.2f} open")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        loop = asyncio.get_running_loop()
        name = exc_type.__name__ if exc_type else None
        print(f"{loop.time():.2f} __aexit__ sees {name}: {exc}")
        await asyncio.sleep(0.2)
        print(f"{loop.time():.2f} closed")

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with DatabaseConnection():
            await asyncio.sleep(0.3)
            raise KeyError("customer_id")
    except KeyError as exc:
        print(f"{loop.time():.2f} caught outside: {exc!r}")
    try:
        async with DatabaseConnection():
            await asyncio.sleep(0.3)
            1 / 0
    except ZeroDivisionError as exc:
        print(f"{loop.time():.2f} caught outside: {exc}")
    async with DatabaseConnection():
        pass
    print(f"{loop.time():.2f} end")

asyncio.run(main())
