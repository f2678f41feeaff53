import asyncio

async def fail():
    await asyncio.sleep(0.1)
    raise ConnectionResetError("peer reset")

async def tiny():
    return "tiny"

async def inner_run():
    coro = tiny()
    try:
        asyncio.get_running_loop().run_until_complete(coro)
    finally:
        coro.close()

loop = asyncio.new_event_loop()
try:
    loop.run_until_complete(fail())
except ConnectionResetError as exc:
    print(f"exception passed through run_until_complete: {exc!r}")
try:
    loop.run_until_complete(inner_run())
except RuntimeError as exc:
    print(f"nested run: RuntimeError: {exc}")
print("still usable:", loop.run_until_complete(tiny()))
loop.close()
coro = tiny()
try:
    loop.run_until_complete(coro)
except RuntimeError as exc:
    print(f"closed loop: RuntimeError: {exc}")
finally:
    coro.close()
