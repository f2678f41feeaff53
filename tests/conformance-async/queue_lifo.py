import asyncio

async def main():
    loop = asyncio.get_running_loop()
    stack = asyncio.LifoQueue()
    for page in ["home", "products", "product/42", "cart"]:
        await stack.put(page)
        print(f"visit {page:<11} history size {stack.qsize()}")
    while not stack.empty():
        page = await stack.get()
        await asyncio.sleep(0.2)
        print(f"{loop.time():.2f} back from {page}")

    undo = asyncio.LifoQueue(maxsize=3)
    for action in ["type a", "type b", "bold", "delete"]:
        try:
            undo.put_nowait(action)
        except asyncio.QueueFull:
            print(f"undo buffer full, dropped {action!r}")
    print("undo order:", [undo.get_nowait() for _ in range(undo.qsize())])

asyncio.run(main())
