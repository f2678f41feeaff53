import asyncio

async def racer(name, laps, lap_time):
    for _ in range(laps):
        await asyncio.sleep(lap_time)
    return name

async def main():
    loop = asyncio.get_running_loop()
    tasks = {asyncio.create_task(racer(n, l, t), name=n)
             for n, l, t in [("red", 3, 0.4), ("blue", 2, 0.5), ("green", 4, 0.2), ("gold", 1, 1.3)]}
    place = 0
    while tasks:
        done, tasks = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for t in sorted(done, key=lambda t: t.get_name()):
            place += 1
            print(f"{loop.time():.2f} place {place}: {t.result()}")

asyncio.run(main())
