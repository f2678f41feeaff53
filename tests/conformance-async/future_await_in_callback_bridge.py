import asyncio

def legacy_api(loop, query, callback):
    # An old callback-style API: answers later through a callback.
    loop.call_later(0.3 * len(query), callback, query.upper())

async def modern(query):
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    legacy_api(loop, query, fut.set_result)
    return await fut

async def main():
    loop = asyncio.get_running_loop()
    print(f"{loop.time():.2f} asking")
    answers = await asyncio.gather(modern("abc"), modern("x"), modern("hello"))
    print(f"{loop.time():.2f} {answers}")

asyncio.run(main())
