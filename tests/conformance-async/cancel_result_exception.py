import asyncio

async def sleeper():
    await asyncio.sleep(1)
    return 42

async def main():
    t = asyncio.create_task(sleeper())
    try:
        t.result()
    except asyncio.InvalidStateError as exc:
        print(f"result() while pending: InvalidStateError: {exc}")
    try:
        t.exception()
    except asyncio.InvalidStateError as exc:
        print(f"exception() while pending: InvalidStateError: {exc}")
    await asyncio.sleep(0.5)
    t.cancel("enough")
    await asyncio.sleep(0)
    for method in (t.result, t.exception):
        try:
            method()
        except asyncio.CancelledError as exc:
            print(f"{method.__name__}() on cancelled task raises CancelledError{exc.args}")
    print("CancelledError is BaseException only:",
          isinstance(asyncio.CancelledError(), BaseException),
          isinstance(asyncio.CancelledError(), Exception))

asyncio.run(main())
