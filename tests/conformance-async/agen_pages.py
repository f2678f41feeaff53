import asyncio

CATALOG = [f"item{i:02d}" for i in range(1, 12)]

async def fetch_pages(page_size):
    loop = asyncio.get_running_loop()
    page = 0
    while True:
        await asyncio.sleep(0.2)
        chunk = CATALOG[page * page_size:(page + 1) * page_size]
        if not chunk:
            print(f"{loop.time():.2f} no more pages")
            return
        print(f"{loop.time():.2f} page {page} fetched ({len(chunk)} items)")
        yield chunk
        page += 1

async def main():
    loop = asyncio.get_running_loop()
    total = 0
    async for page in fetch_pages(4):
        total += len(page)
        print(f"{loop.time():.2f} processing {page[0]}..{page[-1]}")
        await asyncio.sleep(0.1)
    print(f"{loop.time():.2f} processed {total} items")

asyncio.run(main())
