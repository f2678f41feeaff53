import asyncio

async def greet(name, delay):
    await asyncio.sleep(delay)
    print(f"{asyncio.get_running_loop().time():.2f} hello {name}")
    return len(name)

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print("running:", loop.is_running())
result = loop.run_until_complete(greet("world", 1))
print("returned", result)
results = loop.run_until_complete(asyncio.gather(greet("a", 0.5), greet("bb", 0.25)))
print("gathered", results)
print(f"loop time {loop.time():.2f}")
loop.close()
print("closed:", loop.is_closed())
