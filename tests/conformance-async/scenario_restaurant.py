import asyncio

MENU = {"burger": 1.5, "salad": 0.5, "soup": 0.75, "steak": 2.5}

async def customer(name, dish, orders, tables):
    loop = asyncio.get_running_loop()
    async with tables:
        print(f"{loop.time():.2f} {name} sits down, orders {dish}")
        served = loop.create_future()
        await orders.put((name, dish, served))
        plate = await served
        print(f"{loop.time():.2f} {name} gets {plate}")
        await asyncio.sleep(1.0)
        print(f"{loop.time():.2f} {name} leaves")

async def chef(name, orders):
    loop = asyncio.get_running_loop()
    while True:
        customer_name, dish, served = await orders.get()
        await asyncio.sleep(MENU[dish])
        served.set_result(f"{dish} by {name}")
        orders.task_done()

async def main():
    loop = asyncio.get_running_loop()
    orders = asyncio.Queue()
    tables = asyncio.Semaphore(3)
    chefs = [asyncio.create_task(chef(n, orders)) for n in ("Ana", "Bo")]
    guests = [("Kim", "steak"), ("Lee", "salad"), ("Max", "soup"),
              ("Noa", "burger"), ("Oli", "salad"), ("Pat", "steak")]
    await asyncio.gather(*(customer(n, d, orders, tables) for n, d in guests))
    for c in chefs:
        c.cancel()
    print(f"{loop.time():.2f} restaurant closes")

asyncio.run(main())
