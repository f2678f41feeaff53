import asyncio

async def handshake(host):
    loop = asyncio.get_running_loop()
    print(f"{loop.time():.2f} connecting to {host}")
    await asyncio.sleep(10)

async def main():
    await asyncio.wait_for(handshake("db.internal"), timeout=2.5)
    print("not reached")

asyncio.run(main())
