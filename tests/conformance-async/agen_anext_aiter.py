import asyncio

async def letters(word):
    for ch in word:
        await asyncio.sleep(0.1)
        yield ch

async def main():
    loop = asyncio.get_running_loop()
    gen = letters("abc")
    it = aiter(gen)
    print("aiter returns the generator itself:", it is gen)
    for label in ["first", "second", "third"]:
        letter = await anext(it)
        print(f"{loop.time():.2f} {label}: {letter}")
    letter = await anext(it, "END")
    print(f"{loop.time():.2f} with default: {letter}")
    try:
        await anext(it)
    except StopAsyncIteration:
        print(f"{loop.time():.2f} StopAsyncIteration")
    gen2 = letters("xy")
    print(await gen2.__anext__(), await gen2.__anext__())
    print(type(gen2).__name__)
    await gen2.aclose()

asyncio.run(main())
