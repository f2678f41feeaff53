import asyncio

saved = []

async def save(doc, seconds):
    await asyncio.sleep(seconds)
    saved.append(doc)
    print(f"{asyncio.get_running_loop().time():.2f} saved {doc}")

async def editor(docs):
    loop = asyncio.get_running_loop()
    pending = []
    try:
        for doc, seconds in docs:
            pending.append(asyncio.shield(save(doc, seconds)))
            await asyncio.sleep(0.3)
        await asyncio.gather(*pending)
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} editor closed with {len(pending)} saves started")
        raise

async def main():
    loop = asyncio.get_running_loop()
    t = asyncio.create_task(editor([("a.txt", 1.0), ("b.txt", 0.2), ("c.txt", 2.0), ("d.txt", 0.5)]))
    await asyncio.sleep(0.7)
    t.cancel()
    await asyncio.gather(t, return_exceptions=True)
    await asyncio.sleep(3)
    print(f"{loop.time():.2f} saved: {saved}")

asyncio.run(main())
