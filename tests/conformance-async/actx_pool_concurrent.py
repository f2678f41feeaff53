import asyncio

class ConnectionPool:
    def __init__(self, size):
        self.sem = asyncio.Semaphore(size)
        self.free = [f"conn{i}" for i in range(size)]

    def connection(self):
        return PooledConnection(self)

class PooledConnection:
    def __init__(self, pool):
        self.pool = pool
        self.conn = None

    async def __aenter__(self):
        await self.pool.sem.acquire()
        self.conn = self.pool.free.pop(0)
        return self.conn

    async def __aexit__(self, *exc):
        self.pool.free.append(self.conn)
        self.pool.sem.release()

async def handle(pool, request, cost):
    loop = asyncio.get_running_loop()
    async with pool.connection() as conn:
        print(f"{loop.time():.2f} request {request} on {conn}")
        await asyncio.sleep(cost)
    return f"{request}@{conn}"

async def main():
    loop = asyncio.get_running_loop()
    pool = ConnectionPool(2)
    costs = [0.5, 0.2, 0.3, 0.1, 0.4, 0.2]
    results = await asyncio.gather(*(handle(pool, i, c) for i, c in enumerate(costs)))
    print(results)
    print(f"{loop.time():.2f} pool free again: {sorted(pool.free)}")

asyncio.run(main())
