import asyncio
import functools

async def fetch():
    return 1

def plain():
    return 2

async def agen():
    yield 3

def decorated(fn):
    @functools.wraps(fn)
    async def wrapper(*args):
        print(f"calling {fn.__name__}{args}")
        return await fn(*args)
    return wrapper

@decorated
async def add(a, b):
    await asyncio.sleep(0.1)
    return a + b

async def main():
    print("iscoroutinefunction:", [asyncio.iscoroutinefunction(f) for f in (fetch, plain, agen, add)])
    c = fetch()
    print("iscoroutine(fetch()):", asyncio.iscoroutine(c), "iscoroutine(fetch):", asyncio.iscoroutine(fetch))
    print("value:", await c)
    g = agen()
    print("async generator is a coroutine?", asyncio.iscoroutine(g), type(g).__name__)
    print("add.__name__:", add.__name__, "result:", await add(2, 3))
    t = asyncio.create_task(fetch())
    print("a task is a Future:", isinstance(t, asyncio.Future), "coroutine?", asyncio.iscoroutine(t))
    await t

asyncio.run(main())
