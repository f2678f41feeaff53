import asyncio

async def light(event):
    loop = asyncio.get_running_loop()
    for phase in range(3):
        await asyncio.sleep(1)
        event.set()
        print(f"{loop.time():.2f} green")
        await asyncio.sleep(0.5)
        event.clear()
        print(f"{loop.time():.2f} red")

async def car(event, name, arrive):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(arrive)
    print(f"{loop.time():.2f} {name} arrives (green={event.is_set()})")
    await event.wait()
    print(f"{loop.time():.2f} {name} drives through")

async def main():
    event = asyncio.Event()
    await asyncio.gather(light(event), car(event, "taxi", 0.2), car(event, "bus", 1.2),
                         car(event, "bike", 1.6), car(event, "van", 2.1))

asyncio.run(main())
