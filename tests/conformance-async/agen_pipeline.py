import asyncio

async def read_lines():
    lines = ["GET /", "POST /login", "GET /img.png", "GET /about", "DELETE /x", "GET /"]
    for line in lines:
        await asyncio.sleep(0.1)
        yield line

async def only_get(lines):
    async for line in lines:
        if line.startswith("GET"):
            yield line.split()[1]

async def with_sizes(paths):
    async for path in paths:
        await asyncio.sleep(0.05)
        yield path, len(path) * 10

async def main():
    loop = asyncio.get_running_loop()
    async for path, size in with_sizes(only_get(read_lines())):
        print(f"{loop.time():.2f} {path:<10} {size:>4} bytes")
    print(f"{loop.time():.2f} pipeline drained")

asyncio.run(main())
