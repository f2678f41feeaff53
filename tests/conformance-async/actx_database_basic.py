import asyncio

class DatabaseConnection:
    def __init__(self, dsn):
        self.dsn = dsn
        self.connected = False

    async def __aenter__(self):
        loop = asyncio.get_running_loop()
        print(f"{loop.time():.2f} connecting to {self.dsn}")
        await asyncio.sleep(0.5)
        self.connected = True
        print(f"{loop.time():.2f} connected")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        loop = asyncio.get_running_loop()
        print(f"{loop.time():.2f} closing (exc_type={exc_type})")
        await asyncio.sleep(0.25)
        self.connected = False
        print(f"{loop.time():.2f} closed")
        return False

    async def query(self, sql):
        await asyncio.sleep(0.1)
        return [f"row{i}" for i in range(len(sql) % 4 + 1)]

async def main():
    loop = asyncio.get_running_loop()
    db = DatabaseConnection("postgres://localhost/shop")
    async with db as conn:
        print(f"same object: {conn is db}, connected: {conn.connected}")
        rows = await conn.query("SELECT name FROM products")
        print(f"{loop.time():.2f} got {rows}")
    print(f"{loop.time():.2f} after the block, connected: {db.connected}")

asyncio.run(main())
