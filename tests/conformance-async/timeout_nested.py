import asyncio

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(3):
            try:
                async with asyncio.timeout(1):
                    await asyncio.sleep(2)
            except TimeoutError:
                print(f"{loop.time():.2f} inner timeout")
            await asyncio.sleep(5)
    except TimeoutError:
        print(f"{loop.time():.2f} outer timeout")
    try:
        async with asyncio.timeout(1):
            try:
                async with asyncio.timeout(2):
                    await asyncio.sleep(5)
            except TimeoutError:
                print("inner: not this one")
    except TimeoutError:
        print(f"{loop.time():.2f} the outer, shorter timeout fired first")

asyncio.run(main())
