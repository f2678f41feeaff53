import asyncio

async def main():
    loop = asyncio.get_running_loop()
    order = []
    for name in "ABCDEFGH":
        loop.call_later(0.5, order.append, name)
    await asyncio.sleep(1)
    print("call_later ties:", "".join(order))
    order.clear()
    base = loop.time()
    for i, name in enumerate("ABCDEFGH"):
        loop.call_at(base + (0.5 if i % 2 else 0.25), order.append, name)
    await asyncio.sleep(1)
    print("two deadlines:  ", "".join(order))
    order.clear()
    for name in "ABCDEF":
        loop.call_soon(order.append, name)
    await asyncio.sleep(0)
    print("call_soon FIFO: ", "".join(order))

asyncio.run(main())
