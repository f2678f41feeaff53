import asyncio

async def child(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(name, "cancelled with", e.args)
        raise

async def main():
    t = asyncio.create_task(child("a"))
    print(t.cancel("first"), t.cancel("second"), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaited", repr(e), t.cancelled())
    t = asyncio.create_task(child("b"))
    await asyncio.sleep(0)
    t.cancel("msg")
    print(t.uncancel(), t.cancelling())
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaited", repr(e))
    print(asyncio.current_task().get_name(), t.get_name())

asyncio.run(main())
