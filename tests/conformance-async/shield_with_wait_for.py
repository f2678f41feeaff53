import asyncio

async def charge_card(amount):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(1.5)
    print(f"{loop.time():.2f} card charged {amount:.2f}")
    return f"receipt-{round(amount * 100)}"

async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(charge_card(19.99))
    try:
        receipt = await asyncio.wait_for(asyncio.shield(task), timeout=0.5)
    except asyncio.TimeoutError:
        print(f"{loop.time():.2f} slow payment: told the user to wait, charge continues")
        receipt = await task
    print(f"{loop.time():.2f} receipt {receipt}")

    unshielded = asyncio.create_task(charge_card(5.0))
    try:
        await asyncio.wait_for(unshielded, timeout=0.5)
    except asyncio.TimeoutError:
        print(f"{loop.time():.2f} without shield the charge was cancelled: {unshielded.cancelled()}")

asyncio.run(main())
