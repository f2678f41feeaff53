import asyncio

async def heartbeat():
    loop = asyncio.get_running_loop()
    n = 0
    try:
        while True:
            await asyncio.sleep(0.5)
            n += 1
            yield n
    finally:
        print(f"{loop.time():.2f} heartbeat generator finalized after {n} beats")

hb = None

async def main():
    global hb
    loop = asyncio.get_running_loop()
    hb = heartbeat()
    for _ in range(2):
        beat = await anext(hb)
        print(f"{loop.time():.2f} beat {beat}")
    print(f"{loop.time():.2f} main returns with the generator still suspended")

asyncio.run(main())
print("asyncio.run has returned")
