import asyncio

log = []

def first(task):
    log.append(f"first: {task.get_name()} -> {task.result()}")

def second(task):
    log.append(f"second: done={task.done()}")

def make_cb(label):
    def cb(fut):
        log.append(f"{label}")
    return cb

async def job():
    await asyncio.sleep(0.5)
    log.append("job returns")
    return "value"

async def main():
    t = asyncio.create_task(job(), name="job")
    t.add_done_callback(first)
    t.add_done_callback(second)
    t.add_done_callback(make_cb("third"))
    await t
    log.append("main resumed after await")
    await asyncio.sleep(0)
    # A callback added to a finished task is scheduled with call_soon.
    t.add_done_callback(make_cb("late callback"))
    log.append("late callback added")
    await asyncio.sleep(0)
    t2 = asyncio.create_task(job())
    t2.add_done_callback(first)
    t2.add_done_callback(first)
    removed = t2.remove_done_callback(first)
    log.append(f"removed {removed} copies of first")
    await t2
    await asyncio.sleep(0)
    print("\n".join(log))

asyncio.run(main())
