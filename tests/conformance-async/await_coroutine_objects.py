import asyncio

async def compute(x):
    await asyncio.sleep(0.1)
    return x * x

async def main():
    loop = asyncio.get_running_loop()
    coro = compute(4)
    # Calling an async function only creates a coroutine object; nothing runs yet.
    print("type:", type(coro).__name__)
    print("iscoroutine:", asyncio.iscoroutine(coro))
    print("iscoroutinefunction(compute):", asyncio.iscoroutinefunction(compute))
    print("iscoroutinefunction(print):", asyncio.iscoroutinefunction(print))
    print(f"{loop.time():.2f} before await")
    result = await coro
    print(f"{loop.time():.2f} after await: {result}")
    try:
        await coro
    except RuntimeError as exc:
        print("awaiting twice:", exc)
    results = []
    for n in range(1, 4):
        results.append(await compute(n))
    print(f"{loop.time():.2f} squares {results}")

asyncio.run(main())
