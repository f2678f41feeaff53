import asyncio

async def main():
    loop = asyncio.get_running_loop()
    for i in range(10):
        await asyncio.sleep(0.1)
    print(f"after ten sleep(0.1): {loop.time()!r} (formatted {loop.time():.2f})")
    start = loop.time()
    await asyncio.sleep(0.3)
    print(f"elapsed {loop.time() - start!r}")
    print(f"rounded {round(loop.time(), 3)}")
    await asyncio.sleep(1e-3)
    print(f"{loop.time():.4f}")

asyncio.run(main())
