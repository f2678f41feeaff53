import asyncio

async def resolve(host):
    delay = {"fast.example": 0.2, "slow.example": 2.0, "ok.example": 0.6}[host]
    await asyncio.sleep(delay)
    return f"{host} -> 10.0.0.{len(host)}"

async def main():
    loop = asyncio.get_running_loop()
    for host in ["fast.example", "slow.example", "ok.example"]:
        start = loop.time()
        try:
            async with asyncio.timeout(1):
                answer = await resolve(host)
            print(f"{loop.time():.2f} {answer} ({loop.time() - start:.2f}s)")
        except TimeoutError:
            print(f"{loop.time():.2f} {host} timed out ({loop.time() - start:.2f}s)")

asyncio.run(main())
