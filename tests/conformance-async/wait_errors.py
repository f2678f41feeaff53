import asyncio

async def work():
    await asyncio.sleep(0.1)
    return 1

async def main():
    try:
        await asyncio.wait([])
    except ValueError as exc:
        print(f"wait([]): ValueError: {exc}")
    coro = work()
    try:
        await asyncio.wait([coro])
    except TypeError as exc:
        print(f"wait([coroutine]): TypeError: {exc}")
    finally:
        coro.close()
    t = asyncio.create_task(work())
    try:
        await asyncio.wait([t], return_when="SOMETIMES")
    except ValueError as exc:
        print(f"bad return_when: ValueError: {exc}")
    done, pending = await asyncio.wait([t])
    print(f"with a task: {len(done)} done, result {t.result()}")
    print("constants:", asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED)

asyncio.run(main())
