import asyncio

async def background():
    loop = asyncio.get_running_loop()
    try:
        while True:
            await asyncio.sleep(0.4)
            print(f"{loop.time():.2f} background tick")
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} background cancelled by asyncio.run")
        raise
    finally:
        print(f"{loop.time():.2f} background finally")

async def main():
    loop = asyncio.get_running_loop()
    asyncio.create_task(background())
    await asyncio.sleep(1)
    print(f"{loop.time():.2f} main raises")
    raise SystemError("main gave up")

asyncio.run(main())
