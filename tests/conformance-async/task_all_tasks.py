import asyncio

async def sleeper(d):
    await asyncio.sleep(d)

async def main():
    loop = asyncio.get_running_loop()
    print(f"{loop.time():.2f} tasks: {len(asyncio.all_tasks())} (just main)")
    tasks = [asyncio.create_task(sleeper(0.5 * i), name=f"s{i}") for i in range(1, 5)]
    print(f"{loop.time():.2f} tasks: {len(asyncio.all_tasks())}")
    for _ in range(4):
        await asyncio.sleep(0.5)
        alive = sorted(t.get_name() for t in asyncio.all_tasks() if t is not asyncio.current_task())
        print(f"{loop.time():.2f} alive besides main: {alive}")
    print(all(t.done() for t in tasks))
    print("main in all_tasks():", asyncio.current_task() in asyncio.all_tasks())

asyncio.run(main())
