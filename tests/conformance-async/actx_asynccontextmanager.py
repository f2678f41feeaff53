import asyncio
from contextlib import asynccontextmanager

@asynccontextmanager
async def open_session(user):
    loop = asyncio.get_running_loop()
    print(f"{loop.time():.2f} login {user}")
    await asyncio.sleep(0.3)
    session = {"user": user, "token": user[::-1].upper()}
    try:
        yield session
    finally:
        await asyncio.sleep(0.1)
        print(f"{loop.time():.2f} logout {user}")

async def main():
    loop = asyncio.get_running_loop()
    async with open_session("alice") as s:
        print(f"{loop.time():.2f} inside with {s}")
        await asyncio.sleep(1)
    print(f"{loop.time():.2f} after block")
    async def visit(user, stay):
        async with open_session(user) as s:
            await asyncio.sleep(stay)
            return s["token"]
    tokens = await asyncio.gather(visit("bob", 0.5), visit("carol", 0.2))
    print(f"{loop.time():.2f} tokens {tokens}")

asyncio.run(main())
