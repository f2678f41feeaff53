import asyncio

class InventoryError(Exception):
    pass

async def reserve(item, qty, stock):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.2)
    if stock.get(item, 0) < qty:
        raise InventoryError(f"only {stock.get(item, 0)} {item} left, wanted {qty}")
    stock[item] -= qty
    print(f"{loop.time():.2f} reserved {qty} {item}")

async def main():
    stock = {"apple": 5, "pear": 1}
    await reserve("apple", 3, stock)
    await reserve("pear", 2, stock)
    print("not reached")

asyncio.run(main())
