import asyncio

async def long_running():
    loop = asyncio.get_running_loop()
    try:
        for i in range(10):
            await asyncio.sleep(1)
            print(f"{loop.time():.2f} still working ({i})")
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} cleaned up after cancel")
        raise

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
task = loop.create_task(long_running())
loop.call_later(2.5, loop.stop)
loop.run_forever()
print(f"loop stopped at {loop.time():.2f}; task done? {task.done()}")
task.cancel()
try:
    loop.run_until_complete(task)
except asyncio.CancelledError:
    print("run_until_complete re-raised CancelledError")
print("cancelled:", task.cancelled())
loop.close()
