import asyncio

async def main():
    loop = asyncio.get_running_loop()
    done = asyncio.Event()
    done.set()
    done.set()
    print("set twice, is_set:", done.is_set())
    log = []
    async def quick(i):
        await done.wait()
        log.append(i)
    await asyncio.gather(*(quick(i) for i in range(4)))
    print(f"{loop.time():.2f} {log}")
    done.clear()
    print("after clear:", done.is_set())
    t = asyncio.create_task(done.wait())
    await asyncio.sleep(0.2)
    done.set()
    done.clear()
    # The waiter was woken by set() even though the event is clear again.
    print(f"{loop.time():.2f} waiter result: {await t}, is_set now {done.is_set()}")

asyncio.run(main())
