import asyncio

async def worker(name, delay):
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(delay)
        print(f"{loop.time():.2f} {name} finished")
        return name
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} {name} cancelled")
        raise

async def main():
    loop = asyncio.get_running_loop()
    a = asyncio.create_task(worker("a", 1.0))
    b = asyncio.create_task(worker("b", 2.0))
    c = asyncio.create_task(worker("c", 3.0))
    asyncio.get_running_loop().call_later(0.5, b.cancel)
    try:
        await asyncio.gather(a, b, c)
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} main: gather raised CancelledError, main itself not cancelled")
    print(f"main cancelling() = {asyncio.current_task().cancelling()}")
    await asyncio.sleep(3)
    print(f"{loop.time():.2f} a={a.result()} b.cancelled={b.cancelled()} c={c.result()}")

    d = asyncio.create_task(worker("d", 1.0))
    e = asyncio.create_task(worker("e", 0.5))
    loop.call_later(0.2, d.cancel)
    results = await asyncio.gather(d, e, return_exceptions=True)
    print(f"{loop.time():.2f} with return_exceptions: {results!r}")
    try:
        await d
    except asyncio.CancelledError as exc:
        print(f"awaiting d directly raises {exc!r}")

asyncio.run(main())
