import asyncio

async def dispatcher(queue):
    loop = asyncio.get_running_loop()
    while True:
        priority, seq, ticket = await queue.get()
        await asyncio.sleep(0.5)
        print(f"{loop.time():.2f} handled p{priority} #{seq} {ticket}")
        queue.task_done()

async def main():
    loop = asyncio.get_running_loop()
    queue = asyncio.PriorityQueue()
    tickets = [(3, "printer jammed"), (1, "server down"), (2, "password reset"),
               (1, "data loss"), (3, "new mouse"), (2, "vpn slow")]
    for seq, (priority, text) in enumerate(tickets):
        queue.put_nowait((priority, seq, text))
    d = asyncio.create_task(dispatcher(queue))
    await asyncio.sleep(1.2)
    queue.put_nowait((0, 99, "fire alarm"))
    print(f"{loop.time():.2f} urgent ticket added")
    await queue.join()
    d.cancel()
    print(f"{loop.time():.2f} all tickets handled")

asyncio.run(main())
