import asyncio

class NotFound(Exception):
    pass

async def fetch(url, delay, error=None):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(delay)
    if error is not None:
        print(f"{loop.time():.2f} {url} failed")
        raise error
    print(f"{loop.time():.2f} {url} ok")
    return len(url)

async def main():
    loop = asyncio.get_running_loop()
    results = await asyncio.gather(
        fetch("/home", 0.3),
        fetch("/missing", 0.1, NotFound("/missing")),
        fetch("/about", 0.2),
        fetch("/crash", 0.4, ZeroDivisionError("division by zero")),
        return_exceptions=True,
    )
    print(f"{loop.time():.2f} gathered {len(results)} results")
    for r in results:
        if isinstance(r, Exception):
            print(f"  error  {type(r).__name__}: {r} {r!r}")
        else:
            print(f"  value  {r}")
    ok = [r for r in results if not isinstance(r, BaseException)]
    print(f"successes: {ok}, failures: {len(results) - len(ok)}")

asyncio.run(main())
