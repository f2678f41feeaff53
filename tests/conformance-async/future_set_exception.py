import asyncio

class PaymentDeclined(Exception):
    pass

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_later(0.5, fut.set_exception, PaymentDeclined("card 4242 declined"))
    try:
        await fut
    except PaymentDeclined as exc:
        print(f"{loop.time():.2f} awaiting raised {exc!r}")
    print("exception():", repr(fut.exception()))
    try:
        fut.result()
    except PaymentDeclined as exc:
        print("result() raises it again:", exc)
    f2 = loop.create_future()
    f2.set_exception(ValueError)
    print("an exception class is instantiated:", repr(f2.exception()))
    f3 = loop.create_future()
    try:
        f3.set_exception(StopIteration("nope"))
    except TypeError as exc:
        print(f"StopIteration is refused: TypeError: {exc}")
    f3.cancel()

asyncio.run(main())
