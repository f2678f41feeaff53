import asyncio

async def job(name, delay, fail=False):
    loop = asyncio.get_running_loop()
    try:
        await asyncio.sleep(delay)
        if fail:
            raise ValueError(f"{name} broke")
        print(f"{loop.time():.2f} {name} finished")
        return name
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} {name} cancelled")
        raise

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(job("a", 0.5)),
             asyncio.create_task(job("b", 1.0, fail=True)),
             asyncio.create_task(job("c", 1.5, fail=True)),
             asyncio.create_task(job("d", 2.0))]
    try:
        await asyncio.gather(*tasks)
    except ValueError as exc:
        print(f"{loop.time():.2f} gather raised: {exc}")
    # The other children were not cancelled: they keep running.
    print(f"{loop.time():.2f} states: {[t.done() for t in tasks]}")
    await asyncio.sleep(1.5)
    for t in tasks:
        if t.exception() is not None:
            print(f"{t.get_name()}: exception {t.exception()!r}")
        else:
            print(f"{t.get_name()}: result {t.result()!r}")

asyncio.run(main())
