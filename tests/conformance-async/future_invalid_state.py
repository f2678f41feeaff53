import asyncio

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    try:
        fut.result()
    except asyncio.InvalidStateError as exc:
        print(f"result() too early: {exc}")
    fut.set_result(1)
    for attempt in (lambda: fut.set_result(2), lambda: fut.set_exception(ValueError())):
        try:
            attempt()
        except asyncio.InvalidStateError as exc:
            print(f"second completion: InvalidStateError: {exc}")
    print("cancel() on a done future:", fut.cancel(), "result still", fut.result())
    c = loop.create_future()
    print("cancel() pending:", c.cancel("reason"), "cancelled:", c.cancelled())
    try:
        c.set_result(3)
    except asyncio.InvalidStateError as exc:
        print(f"set_result after cancel: {exc}")
    try:
        c.result()
    except asyncio.CancelledError as exc:
        print(f"result() of cancelled future: CancelledError{exc.args}")
    print("InvalidStateError is an Exception:", isinstance(asyncio.InvalidStateError(), Exception))

asyncio.run(main())
