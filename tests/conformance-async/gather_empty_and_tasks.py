import asyncio

async def square(n):
    await asyncio.sleep(0.1 * n)
    return n * n

async def main():
    loop = asyncio.get_running_loop()
    empty = await asyncio.gather()
    print(f"gather() -> {empty!r}")
    t = asyncio.create_task(square(3))
    # The same task twice: its result appears twice.
    twice = await asyncio.gather(t, t, square(2))
    print(f"{loop.time():.2f} same task twice -> {twice}")
    # Tasks that are already done are fine too.
    again = await asyncio.gather(t)
    print(f"{loop.time():.2f} done task again -> {again}")
    mixed = await asyncio.gather(asyncio.sleep(0.2, result="timer"), square(1), t)
    print(f"{loop.time():.2f} mixed -> {mixed}")

asyncio.run(main())
