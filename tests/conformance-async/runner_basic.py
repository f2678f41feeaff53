import asyncio

async def step(name, delay):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(delay)
    print(f"{loop.time():.2f} {name} (task {asyncio.current_task().get_name()})")
    return name

with asyncio.Runner() as runner:
    first = runner.run(step("first run", 0.5))
    loop = runner.get_loop()
    second = runner.run(step("second run, same loop", 0.25))
    print("same loop both times:", runner.get_loop() is loop)
    print("results:", first, "|", second)
print("loop closed after the with block:", loop.is_closed())
