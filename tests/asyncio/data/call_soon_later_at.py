import asyncio

def cb(name):
    loop = asyncio.get_running_loop()
    print(name, loop.time())

async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(cb, "soon1")
    loop.call_at(0.1, cb, "at0.1")
    loop.call_at(0.1 + 5e-10, cb, "at0.1+eps")
    loop.call_later(0.05, cb, "later0.05")
    h = loop.call_later(0.02, cb, "cancelled")
    h.cancel()
    loop.call_soon(cb, "soon2")
    print("main", h.cancelled())
    await asyncio.sleep(0.2)
    print("end", loop.time())

asyncio.run(main())
