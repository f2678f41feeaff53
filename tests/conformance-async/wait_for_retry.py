import asyncio

attempts = {"n": 0}

async def flaky_service():
    attempts["n"] += 1
    delay = 3.0 / attempts["n"]
    loop = asyncio.get_running_loop()
    print(f"{loop.time():.2f} attempt {attempts['n']}: service needs {delay:.2f}s")
    await asyncio.sleep(delay)
    return f"answer from attempt {attempts['n']}"

async def main():
    loop = asyncio.get_running_loop()
    timeout = 0.5
    while True:
        try:
            result = await asyncio.wait_for(flaky_service(), timeout=timeout)
            break
        except asyncio.TimeoutError:
            print(f"{loop.time():.2f} gave up after {timeout}s")
            timeout *= 2
    print(f"{loop.time():.2f} {result}")

asyncio.run(main())
