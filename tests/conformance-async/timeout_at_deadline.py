import asyncio

async def fetch(i):
    await asyncio.sleep(0.4 * i)
    return i

async def main():
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 1.0
    got = []
    try:
        async with asyncio.timeout_at(deadline):
            for i in range(1, 10):
                got.append(await fetch(i))
                print(f"{loop.time():.2f} fetched {i}")
    except TimeoutError:
        print(f"{loop.time():.2f} shared deadline {deadline:.2f} reached, got {got}")
    deadline = loop.time() + 5
    async with asyncio.timeout_at(deadline) as cm:
        results = await asyncio.gather(fetch(1), fetch(2), fetch(3))
    print(f"{loop.time():.2f} {results} before {cm.when():.2f}")

asyncio.run(main())
