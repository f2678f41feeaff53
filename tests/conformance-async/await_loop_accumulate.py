import asyncio

PRICES = {"apple": 0.5, "bread": 2.25, "cheese": 4.75, "dates": 3.0}

async def lookup_price(item):
    await asyncio.sleep(0.1 * len(item))
    return PRICES[item]

async def main():
    loop = asyncio.get_running_loop()
    cart = ["apple", "bread", "apple", "cheese", "dates"]
    total = 0.0
    for i, item in enumerate(cart, start=1):
        price = await lookup_price(item)
        total += price
        print(f"{loop.time():.2f} #{i} {item:<7} {price:>5.2f}  total {total:>6.2f}")
    print(f"{loop.time():.2f} checkout: {total:.2f}")
    # The same lookups, started together.
    prices = await asyncio.gather(*(lookup_price(item) for item in cart))
    print(f"{loop.time():.2f} concurrent lookup: {prices} sum {sum(prices):.2f}")

asyncio.run(main())
