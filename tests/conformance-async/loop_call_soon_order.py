import asyncio

def say(log, msg):
    log.append(msg)

async def task_body(log):
    log.append("task step 1")
    await asyncio.sleep(0)
    log.append("task step 2")

async def main():
    loop = asyncio.get_running_loop()
    log = []
    loop.call_soon(say, log, "soon 1")
    t = asyncio.create_task(task_body(log))
    loop.call_soon(say, log, "soon 2")
    loop.call_soon(lambda: loop.call_soon(say, log, "soon 3, scheduled by a callback"))
    log.append("main before yielding")
    await asyncio.sleep(0)
    log.append("main after one iteration")
    await t
    await asyncio.sleep(0)
    for i, line in enumerate(log, 1):
        print(i, line)

asyncio.run(main())
