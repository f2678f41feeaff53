import asyncio

class Reset(Exception):
    pass

async def counter():
    loop = asyncio.get_running_loop()
    value = 0
    while True:
        try:
            await asyncio.sleep(0.1)
            value += 1
            yield value
        except Reset as exc:
            print(f"{loop.time():.2f} counter reset ({exc})")
            value = 0
            yield -1

async def main():
    loop = asyncio.get_running_loop()
    c = counter()
    values = [await anext(c), await anext(c), await anext(c)]
    print(f"{loop.time():.2f} values {values}")
    answer = await c.athrow(Reset("by user"))
    print(f"{loop.time():.2f} athrow answered {answer}")
    values = [await anext(c), await anext(c)]
    print(f"{loop.time():.2f} values {values}")
    try:
        await c.athrow(ValueError("bad value"))
    except ValueError as exc:
        print(f"{loop.time():.2f} ValueError came back out: {exc}")
    try:
        await anext(c)
    except StopAsyncIteration:
        print("generator is finished after an unhandled athrow")

asyncio.run(main())
