import asyncio

async def stream(name):
    loop = asyncio.get_running_loop()
    i = 0
    try:
        while True:
            await asyncio.sleep(0.1)
            i += 1
            yield f"{name}-{i}"
    finally:
        print(f"{loop.time():.2f} {name} cleanup started")
        await asyncio.sleep(0.3)
        print(f"{loop.time():.2f} {name} cleanup finished")

async def main():
    loop = asyncio.get_running_loop()
    gen = stream("feed")
    async for item in gen:
        print(f"{loop.time():.2f} got {item}")
        if item.endswith("3"):
            break
    # Closing it explicitly runs the finally block right here.
    await gen.aclose()
    print(f"{loop.time():.2f} after aclose()")
    try:
        await gen.__anext__()
    except StopAsyncIteration:
        print("closed generator raises StopAsyncIteration")
    await gen.aclose()
    print("aclose() twice is fine")

asyncio.run(main())
