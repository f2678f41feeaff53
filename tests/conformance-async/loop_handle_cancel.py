import asyncio

async def main():
    loop = asyncio.get_running_loop()
    fired = []
    h1 = loop.call_later(0.5, fired.append, "reminder")
    h2 = loop.call_later(1.0, fired.append, "alarm")
    h3 = loop.call_soon(fired.append, "immediate")
    h4 = loop.call_soon(fired.append, "also immediate")
    print("cancelled before:", h1.cancelled(), h3.cancelled())
    h1.cancel()
    h3.cancel()
    h1.cancel()
    print("cancelled after:", h1.cancelled(), h3.cancelled(), h2.cancelled())
    await asyncio.sleep(2)
    print(f"{loop.time():.2f} fired: {fired}")
    h2.cancel()
    print("cancelling a handle that already ran is harmless:", h2.cancelled())

    # A snooze button: cancel and reschedule.
    log = []
    alarm = loop.call_later(1, log.append, "wake up!")
    for _ in range(3):
        await asyncio.sleep(0.8)
        alarm.cancel()
        log.append(f"{loop.time():.2f} snooze")
        alarm = loop.call_later(1, log.append, f"wake up! (set at {loop.time():.2f})")
    await asyncio.sleep(1.5)
    print(log)

asyncio.run(main())
