import asyncio

async def sleeper(i, out):
    await asyncio.sleep(1)
    out.append(i)

async def main():
    out = []
    await asyncio.gather(*(sleeper(i, out) for i in range(10)))
    print(*out)

asyncio.run(main())
