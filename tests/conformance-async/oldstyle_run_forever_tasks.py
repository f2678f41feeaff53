import asyncio

async def worker(name, n, results):
    loop = asyncio.get_running_loop()
    for i in range(n):
        await asyncio.sleep(0.4)
        print(f"{loop.time():.2f} {name} step {i}")
    results.append(name)

async def supervisor(loop, tasks):
    await asyncio.gather(*tasks)
    print(f"{loop.time():.2f} all workers done, stopping")
    loop.stop()

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
results = []
tasks = [loop.create_task(worker(n, k, results)) for n, k in [("w1", 2), ("w2", 3)]]
loop.create_task(supervisor(loop, tasks))
loop.run_forever()
print("results:", results)
print("pending tasks left:", len([t for t in asyncio.all_tasks(loop) if not t.done()]))
loop.close()
