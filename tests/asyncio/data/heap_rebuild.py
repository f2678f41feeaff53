import asyncio

async def main():
    loop = asyncio.get_running_loop()
    fired = []
    handles = [loop.call_later(1 + (i % 7) * 0.001, fired.append, i) for i in range(300)]
    for i, h in enumerate(handles):
        if i % 3:
            h.cancel()
    await asyncio.sleep(0)
    late = [loop.call_later(1.003, fired.append, 1000 + i) for i in range(5)]
    await asyncio.sleep(2)
    print(fired)

asyncio.run(main())
