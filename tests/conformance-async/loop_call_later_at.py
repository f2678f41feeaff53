import asyncio

def ring(loop, label, log):
    log.append(f"{loop.time():.2f} {label}")

async def main():
    loop = asyncio.get_running_loop()
    log = []
    start = loop.time()
    loop.call_later(1.0, ring, loop, "call_later(1.0)", log)
    loop.call_at(start + 0.5, ring, loop, "call_at(start + 0.5)", log)
    loop.call_later(0, ring, loop, "call_later(0)", log)
    loop.call_soon(ring, loop, "call_soon", log)
    loop.call_later(-5, ring, loop, "call_later(-5)", log)
    loop.call_at(start + 2.0, ring, loop, "call_at(start + 2.0)", log)
    await asyncio.sleep(2.5)
    print("\n".join(log))
    h = loop.call_later(1, print)
    print(f"handle when() = {h.when():.2f}, type {type(h).__name__}")
    h.cancel()

asyncio.run(main())
