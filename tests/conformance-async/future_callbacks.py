import asyncio
import functools

async def main():
    loop = asyncio.get_running_loop()
    log = []
    fut = loop.create_future()
    fut.add_done_callback(lambda f: log.append(f"lambda sees {f.result()}"))
    fut.add_done_callback(functools.partial(lambda tag, f: log.append(f"{tag}: {f.result() * 2}"), "partial"))
    loop.call_soon(log.append, "call_soon scheduled before set_result")
    fut.set_result(21)
    log.append("set_result returned; callbacks are only scheduled")
    loop.call_soon(log.append, "call_soon scheduled after set_result")
    await asyncio.sleep(0)
    log.append("after one loop iteration")
    print("\n".join(log))

asyncio.run(main())
