import asyncio

async def work(kind):
    await asyncio.sleep(0.2)
    if kind == "fail":
        raise KeyError("missing")
    return kind

def describe(t):
    if not t.done():
        return "pending"
    if t.cancelled():
        return "cancelled"
    if t.exception() is not None:
        return f"failed with {t.exception()!r}"
    return f"finished with {t.result()!r}"

async def main():
    ok = asyncio.create_task(work("ok"), name="ok")
    bad = asyncio.create_task(work("fail"), name="bad")
    gone = asyncio.create_task(work("ok"), name="gone")
    for t in (ok, bad, gone):
        print(f"{t.get_name():>4}: {describe(t)}")
    await asyncio.sleep(0.1)
    gone.cancel()
    await asyncio.sleep(0.2)
    for t in (ok, bad, gone):
        print(f"{t.get_name():>4}: {describe(t)}")
    print("get_coro():", ok.get_coro().__name__)

asyncio.run(main())
