import asyncio

async def main():
    loop = asyncio.get_running_loop()
    me = asyncio.current_task()
    loop.call_later(1.5, me.cancel)
    try:
        while True:
            await asyncio.sleep(0.5)
            print(f"{loop.time():.2f} main working")
    finally:
        print(f"{loop.time():.2f} main finally, then CancelledError escapes asyncio.run")

asyncio.run(main())
