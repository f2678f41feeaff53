import asyncio

async def backup(db, delay, fail=False):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(delay)
    if fail:
        raise IOError(f"{db}: disk full")
    print(f"{loop.time():.2f} {db} backed up")
    return f"{db}.bak"

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(backup(db, d, f), name=db)
             for db, d, f in [("users", 0.5, False), ("orders", 0.2, True), ("logs", 1.0, False)]]
    done, pending = await asyncio.wait(tasks)
    print(f"{loop.time():.2f} {len(done)} done, {len(pending)} pending")
    for t in sorted(done, key=lambda t: t.get_name()):
        if t.exception():
            print(f"  {t.get_name():<7} failed: {t.exception()}")
        else:
            print(f"  {t.get_name():<7} -> {t.result()}")
    print("return_when default is", asyncio.ALL_COMPLETED)

asyncio.run(main())
