import asyncio

async def countdown(name, start):
    loop = asyncio.get_running_loop()
    try:
        n = start
        while n > 0:
            await asyncio.sleep(0.25)
            yield n
            n -= 1
    finally:
        print(f"{loop.time():.2f} {name}: finally (generator closed)")

async def main():
    loop = asyncio.get_running_loop()
    async for n in countdown("A", 10):
        print(f"{loop.time():.2f} A yielded {n}")
        if n == 8:
            break
    print(f"{loop.time():.2f} loop left; generator not closed yet")
    for i in range(1, 4):
        await asyncio.sleep(0)
        print(f"{loop.time():.2f} after sleep(0) #{i}")

    async for n in countdown("B", 2):
        print(f"{loop.time():.2f} B yielded {n}")
    print(f"{loop.time():.2f} B exhausted: its finally ran inside the loop")

asyncio.run(main())
