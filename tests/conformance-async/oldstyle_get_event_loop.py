import asyncio

async def count_down(n):
    loop = asyncio.get_event_loop()
    while n:
        print(f"{loop.time():.2f} {n}...")
        await asyncio.sleep(1)
        n -= 1
    print(f"{loop.time():.2f} liftoff!")

asyncio.set_event_loop(asyncio.new_event_loop())
loop = asyncio.get_event_loop()
print("get_event_loop() returns the loop we set:", loop is asyncio.get_event_loop())
task = loop.create_task(count_down(3))
loop.run_until_complete(task)
print("task done:", task.done())
loop.close()
