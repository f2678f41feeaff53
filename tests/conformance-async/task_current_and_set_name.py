import asyncio

async def worker(role):
    task = asyncio.current_task()
    old = task.get_name()
    task.set_name(f"{role}-{old}")
    await asyncio.sleep(0.1)
    return old, asyncio.current_task().get_name()

async def main():
    results = await asyncio.gather(worker("reader"), worker("writer"))
    for old, new in results:
        print(f"{old} renamed itself to {new}")
    t = asyncio.create_task(worker("x"), name="original")
    t.set_name("renamed-from-outside")
    print(await t)
    t.set_name(42)
    print(repr(t.get_name()))
    print("same task object:", asyncio.current_task() is asyncio.current_task())
    print("current_task(loop) is main:", asyncio.current_task(asyncio.get_running_loop()).get_name())

asyncio.run(main())
print("no running loop, current_task() ->", end=" ")
try:
    print(asyncio.current_task())
except RuntimeError as exc:
    print(f"RuntimeError: {exc}")
