# wait_for and timeout(): some operations finish in time, the others are
# cancelled when their timeout expires.
import asyncio


async def operation(i, duration):
    await asyncio.sleep(duration)
    return f"op{i}"


async def guarded(i, duration, limit):
    try:
        result = await asyncio.wait_for(operation(i, duration), timeout=limit)
        print(f"{asyncio.get_running_loop().time():.2f} {result} finished")
    except asyncio.TimeoutError:
        print(f"{asyncio.get_running_loop().time():.2f} op{i} timed out")


async def with_timeout_block():
    try:
        async with asyncio.timeout(0.4):
            await asyncio.sleep(5)
    except TimeoutError:
        print(f"{asyncio.get_running_loop().time():.2f} timeout block expired")


async def main():
    await asyncio.gather(
        guarded(1, 0.2, 1.0),
        guarded(2, 2.0, 0.5),
        guarded(3, 0.3, 0.25),
        guarded(4, 1.0, 1.5),
        with_timeout_block(),
    )


asyncio.run(main())
