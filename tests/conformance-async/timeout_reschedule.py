import asyncio

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(None) as cm:
            print(f"when()={cm.when()} (no deadline yet)")
            await asyncio.sleep(1)
            cm.reschedule(loop.time() + 0.5)
            print(f"{loop.time():.2f} deadline set to {cm.when():.2f}")
            await asyncio.sleep(0.25)
            cm.reschedule(cm.when() + 1)
            print(f"{loop.time():.2f} deadline extended to {cm.when():.2f}")
            await asyncio.sleep(10)
    except TimeoutError:
        print(f"{loop.time():.2f} timed out at the extended deadline")
    async with asyncio.timeout(1) as cm:
        cm.reschedule(None)
        await asyncio.sleep(3)
    print(f"{loop.time():.2f} reschedule(None) removed the deadline, expired()={cm.expired()}")

asyncio.run(main())
