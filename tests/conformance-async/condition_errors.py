import asyncio

async def main():
    cond = asyncio.Condition()
    try:
        cond.notify()
    except RuntimeError as exc:
        print(f"notify() without the lock: RuntimeError: {exc}")
    try:
        await cond.wait()
    except RuntimeError as exc:
        print(f"wait() without the lock: RuntimeError: {exc}")
    lock = asyncio.Lock()
    shared = asyncio.Condition(lock)
    async with lock:
        print("condition built on an existing lock, locked:", shared.locked())
        shared.notify_all()
        print("notify_all with nobody waiting is fine")
    print("locked after the block:", shared.locked())

asyncio.run(main())
