import asyncio

async def server(name):
    loop = asyncio.get_running_loop()
    try:
        while True:
            await asyncio.sleep(1)
            print(f"{loop.time():.2f} {name} serving")
    except asyncio.CancelledError as exc:
        print(f"{loop.time():.2f} {name} stopping: args={exc.args}")
        raise

async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(server("api"))
    await asyncio.sleep(2.5)
    print(f"cancel() -> {task.cancel('maintenance window')}")
    try:
        await task
    except asyncio.CancelledError as exc:
        print(f"{loop.time():.2f} main sees CancelledError args={exc.args}")
    print(f"cancelled={task.cancelled()} done={task.done()}")
    try:
        task.result()
    except asyncio.CancelledError as exc:
        print(f"result() raises CancelledError args={exc.args}")
    t2 = asyncio.create_task(server("worker"))
    await asyncio.sleep(1.5)
    t2.cancel()
    try:
        await t2
    except asyncio.CancelledError as exc:
        print(f"no message: args={exc.args} repr={exc!r}")

asyncio.run(main())
