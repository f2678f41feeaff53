import asyncio
import time

async def main():
    loop = asyncio.get_running_loop()
    print("loop.time() at start:", loop.time())
    print("time.monotonic() agrees:", time.monotonic() == loop.time())
    await asyncio.sleep(2.5)
    print("after sleep(2.5):", loop.time())
    t0 = loop.time()
    await asyncio.gather(asyncio.sleep(1), asyncio.sleep(3), asyncio.sleep(2))
    print(f"gather of 1, 3, 2 took {loop.time() - t0}")
    print("is_running:", loop.is_running(), "is_closed:", loop.is_closed())
    print("same loop:", asyncio.get_running_loop() is loop, asyncio.get_event_loop() is loop)
    print("wall clock:", time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()))

asyncio.run(main())
