import asyncio

async def whoami(delay):
    await asyncio.sleep(delay)
    return asyncio.current_task().get_name()

async def main():
    print("main is", asyncio.current_task().get_name())
    # gather wraps each coroutine in a new task with the next Task-N number.
    names = await asyncio.gather(whoami(0.2), whoami(0.1), whoami(0.3))
    print("gather children:", names)
    named = [asyncio.create_task(whoami(0.1), name=f"fetch-{i}") for i in range(3)]
    print("named tasks:", await asyncio.gather(*named))
    print("next number:", await asyncio.gather(whoami(0)))

asyncio.run(main())
