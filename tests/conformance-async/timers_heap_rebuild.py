import asyncio

async def main():
    loop = asyncio.get_running_loop()
    fired = []
    handles = [loop.call_later(1.0, fired.append, i) for i in range(120)]
    # Cancel 70 of the 120 timers: more than half of more than 100 timers
    # are cancelled, so the loop rebuilds its heap, which reorders the ties.
    for i in range(120):
        if i % 12 < 7:
            handles[i].cancel()
    await asyncio.sleep(1.5)
    print(f"{loop.time():.2f} {len(fired)} fired")
    print(fired)

    fired.clear()
    handles = [loop.call_later(1.0, fired.append, i) for i in range(40)]
    for i in range(0, 40, 2):
        handles[i].cancel()
    await asyncio.sleep(1.5)
    print(f"{loop.time():.2f} {len(fired)} fired (small heap, no rebuild)")
    print(fired)

asyncio.run(main())
