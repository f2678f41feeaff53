import asyncio

async def noop():
    await asyncio.sleep(0)

async def main():
    print("main:", asyncio.current_task().get_name())
    a = asyncio.create_task(noop())
    b = asyncio.create_task(noop(), name="custom")
    c = asyncio.create_task(noop())
    print("a, b, c:", a.get_name(), b.get_name(), c.get_name())
    await asyncio.gather(a, b, c)
    # gather, wait_for and shield wrap coroutines in tasks of their own.
    await asyncio.gather(noop(), noop())
    await asyncio.wait_for(noop(), 1)
    await asyncio.shield(noop())
    d = asyncio.create_task(noop())
    print("after gather(2 coros), wait_for, shield:", d.get_name())
    await d
    return d.get_name()

last = asyncio.run(main())
print("first run's last task:", last)

async def second():
    me = asyncio.current_task().get_name()
    t = asyncio.create_task(noop())
    await t
    return me, t.get_name()

# asyncio.run used three numbers: its main task plus two for shutting down.
print("second run:", asyncio.run(second()))
print("third run:", asyncio.run(second()))
