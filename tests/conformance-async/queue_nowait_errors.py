import asyncio

async def main():
    q = asyncio.Queue(maxsize=2)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as exc:
        print(f"get_nowait on empty queue: {type(exc).__name__} {exc!r}")
    q.put_nowait("a")
    q.put_nowait("b")
    print(f"size {q.qsize()} full {q.full()}")
    try:
        q.put_nowait("c")
    except asyncio.QueueFull as exc:
        print(f"put_nowait on full queue: {type(exc).__name__} {exc!r}")
    print("got", q.get_nowait(), q.get_nowait())
    print("subclass of Exception:", isinstance(asyncio.QueueEmpty(), Exception), isinstance(asyncio.QueueFull(), Exception))
    q.task_done()
    q.task_done()
    try:
        q.task_done()
    except ValueError as exc:
        print(f"task_done too often: {exc}")
    unbounded = asyncio.Queue()
    for i in range(1000):
        unbounded.put_nowait(i)
    print(f"unbounded: size {unbounded.qsize()} full {unbounded.full()} maxsize {unbounded.maxsize}")

asyncio.run(main())
