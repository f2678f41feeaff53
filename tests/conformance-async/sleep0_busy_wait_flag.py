import asyncio

state = {"ready": False, "spins": 0}

async def setter():
    await asyncio.sleep(0.5)
    state["ready"] = True
    print(f"{asyncio.get_running_loop().time():.2f} flag set")

async def spinner():
    # Polling every 0.1 s: five sleeps of 0.1 add up to exactly the setter's 0.5,
    # and at that tie the setter's timer (created first) fires first.
    while not state["ready"]:
        state["spins"] += 1
        await asyncio.sleep(0.1)
    print(f"{asyncio.get_running_loop().time():.2f} spinner saw the flag after {state['spins']} polls")

async def main():
    await asyncio.gather(spinner(), setter())

asyncio.run(main())
