import asyncio

order = []

async def child(name):
    order.append(f"{name} start")
    await asyncio.sleep(0)
    order.append(f"{name} resumed")

async def parent():
    order.append("parent start")
    a = asyncio.create_task(child("a"))
    b = asyncio.create_task(child("b"))
    order.append("parent created a and b")
    await asyncio.sleep(0)
    order.append("parent after first sleep(0)")
    c = asyncio.create_task(child("c"))
    await asyncio.sleep(0)
    order.append("parent after second sleep(0)")
    await asyncio.gather(a, b, c)
    order.append("parent end")

asyncio.run(parent())
for i, line in enumerate(order, 1):
    print(f"{i:2}. {line}")
