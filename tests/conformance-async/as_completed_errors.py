import asyncio

async def convert(path, delay):
    await asyncio.sleep(delay)
    if path.endswith(".bad"):
        raise ValueError(f"cannot convert {path}")
    return path.replace(".raw", ".jpg")

async def main():
    loop = asyncio.get_running_loop()
    paths = [("a.raw", 0.4), ("b.bad", 0.2), ("c.raw", 0.6), ("d.bad", 0.8)]
    tasks = [asyncio.create_task(convert(p, d)) for p, d in paths]
    ok, failed = [], []
    for fut in asyncio.as_completed(tasks):
        try:
            ok.append(await fut)
            print(f"{loop.time():.2f} converted {ok[-1]}")
        except ValueError as exc:
            failed.append(str(exc))
            print(f"{loop.time():.2f} error: {exc}")
    print(f"ok={ok}")
    print(f"failed={failed}")

asyncio.run(main())
