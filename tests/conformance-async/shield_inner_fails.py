import asyncio

async def risky():
    await asyncio.sleep(0.5)
    raise OSError("disk full")

async def main():
    loop = asyncio.get_running_loop()
    try:
        await asyncio.shield(risky())
    except OSError as exc:
        print(f"{loop.time():.2f} the shield passes exceptions through: {exc!r}")
    inner = asyncio.create_task(asyncio.sleep(1, result="ok"))
    outer = asyncio.shield(inner)
    await asyncio.sleep(0.1)
    inner.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} cancelling the inner task cancels the shield too: {outer.cancelled()}")

asyncio.run(main())
