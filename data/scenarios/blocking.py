# Blocking the loop: time.sleep() versus asyncio.sleep()
#
# What to notice: the heartbeat wants to tick every TICK seconds. When the
# worker calls the blocking time.sleep(), the whole event loop stops: the
# worker's lane shows it blocking, no other task can run, and the heartbeat's
# ticks come late. Set BLOCKING to False: the worker awaits asyncio.sleep()
# instead, the loop stays free and every tick is on time.
import asyncio
import time

BLOCKING = True   # param  work with time.sleep()
JOBS = 3          # param 1..6    jobs the worker does
WORK = 1.5        # param 0.1..5  seconds of work per job
TICK = 0.5        # param 0.1..2  heartbeat interval (s)


def log(text):
    print(f"{asyncio.get_running_loop().time():5.2f}s  {text}")


async def heartbeat():
    loop = asyncio.get_running_loop()
    while True:
        asked = loop.time() + TICK
        await asyncio.sleep(TICK)
        late = loop.time() - asked
        log("tick" if late < 0.01 else f"tick, {late:.2f}s late")


async def worker():
    for job in range(1, JOBS + 1):
        log(f"worker: job {job} starts")
        if BLOCKING:
            time.sleep(WORK)  # nothing else can run meanwhile
        else:
            await asyncio.sleep(WORK)  # other tasks run meanwhile
        log(f"worker: job {job} done")
        await asyncio.sleep(0.2)  # saving the result: the loop is free here


async def main():
    beat = asyncio.create_task(heartbeat(), name="heartbeat")
    await asyncio.create_task(worker(), name="worker")
    beat.cancel()


asyncio.run(main())
