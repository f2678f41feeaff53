# Context manager (async with): a database connection
#
# What to notice: `async with` awaits __aenter__ (connecting) before the body
# and __aexit__ (closing) after it, so each client's lane starts and ends with
# a short sleep around its queries (client n runs n queries). The failing
# client's last query raises, and its connection is still closed: __aexit__
# sees the exception. Raise N_CLIENTS to see more connections open at once;
# set FAILING_CLIENT to 0 for a run without errors.
import asyncio

N_CLIENTS = 3         # param 1..8    clients
CONNECT_TIME = 0.5    # param 0.1..2  connect/close time (s)
QUERY_TIME = 1.0      # param 0.1..3  seconds per query
FAILING_CLIENT = 2    # param 0..8    failing client (0: none)


def log(text):
    print(f"{asyncio.get_running_loop().time():5.2f}s  {text}")


class DatabaseConnection:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        await asyncio.sleep(CONNECT_TIME)
        log(f"{self.name}: connected")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(CONNECT_TIME)
        log(f"{self.name}: closed (exception: {exc!r})")
        return False  # do not swallow the exception

    async def query(self, sql, fail=False):
        await asyncio.sleep(QUERY_TIME)
        if fail:
            raise ValueError(f"{self.name}: bad query {sql!r}")
        log(f"{self.name}: {sql} -> ok")


async def client(n):
    try:
        async with DatabaseConnection(f"db-{n}") as db:
            for q in range(1, n + 1):
                fails = n == FAILING_CLIENT and q == n
                await db.query(f"SELECT {q}", fail=fails)
    except ValueError as error:
        log(f"client {n} caught {error}")


async def main():
    await asyncio.gather(*(asyncio.create_task(client(n), name=f"client-{n}")
                           for n in range(1, N_CLIENTS + 1)))
    log("all clients done")


asyncio.run(main())
