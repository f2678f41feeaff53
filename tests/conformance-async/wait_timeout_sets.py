import asyncio

async def chunk(i):
    await asyncio.sleep(0.3 * i)
    return i

async def main():
    loop = asyncio.get_running_loop()
    tasks = [asyncio.create_task(chunk(i), name=f"chunk{i}") for i in range(1, 7)]
    pending = set(tasks)
    rounds = 0
    while pending:
        rounds += 1
        done, pending = await asyncio.wait(pending, timeout=0.5)
        names = sorted(t.get_name() for t in done)
        print(f"{loop.time():.2f} round {rounds}: finished {names}, {len(pending)} left")
    print(f"results: {[t.result() for t in tasks]}")
    done, pending = await asyncio.wait(tasks, timeout=0)
    print(f"timeout=0 on finished tasks: {len(done)} done")

asyncio.run(main())
