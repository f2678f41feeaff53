import asyncio

async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise RuntimeError(f"{name} crashed")
    return name

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(job(n, d, f), name=n)
             for n, d, f in [("ok1", 0.3, False), ("bad", 0.6, True), ("slow", 2.0, False)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(f"{loop.time():.2f} done={sorted(t.get_name() for t in done)} pending={sorted(t.get_name() for t in pending)}")
    for t in sorted(done, key=lambda t: t.get_name()):
        print(f"  {t.get_name()}: exception={t.exception()!r}")
    for t in pending:
        t.cancel()
    await asyncio.wait(pending)

    calm = [asyncio.create_task(job(f"c{i}", 0.2 * i), name=f"c{i}") for i in range(1, 4)]
    done, pending = await asyncio.wait(calm, return_when=asyncio.FIRST_EXCEPTION)
    print(f"{loop.time():.2f} no exception: waits for all, {len(done)} done {len(pending)} pending")

asyncio.run(main())
