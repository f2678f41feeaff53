import asyncio

async def numbers():
    try:
        for i in range(100):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print(f"  finally runs in {asyncio.current_task().get_name()}")

async def noop():
    return asyncio.current_task().get_name()

async def main():
    print("before:", await asyncio.create_task(noop()))
    async for n in numbers():
        if n == 2:
            break
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    # Closing the abandoned generator used up a task number.
    print("after the break:", await asyncio.create_task(noop()))
    gen = numbers()
    async for n in gen:
        if n == 1:
            break
    await gen.aclose()
    print("after an explicit aclose():", await asyncio.create_task(noop()))

asyncio.run(main())
