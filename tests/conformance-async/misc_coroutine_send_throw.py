import asyncio

async def accumulate():
    total = 0
    try:
        while True:
            await asyncio.sleep(0)
            total += 1
    finally:
        print(f"accumulate finally, total={total}")

def drive_manually():
    coro = accumulate()
    fut = coro.send(None)
    print("first send yields:", fut)
    coro.send(None)
    coro.send(None)
    try:
        coro.throw(KeyError("stop"))
    except KeyError as exc:
        print("throw() propagated:", repr(exc))
    c2 = accumulate()
    c2.send(None)
    c2.close()
    print("close() ran the finally block")

async def simple():
    return "value"

def run_to_end():
    coro = simple()
    try:
        coro.send(None)
    except StopIteration as exc:
        print("StopIteration carries the return value:", exc.value)

drive_manually()
run_to_end()
