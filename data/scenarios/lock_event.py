# Lock and Event: wait for the signal, then take turns
#
# What to notice: the workers start at once but wait on the Event until main()
# sets it at START_AT seconds. Then each one reads the shared counter, works,
# and writes it back plus one. With USE_LOCK the Lock lets one worker in at a
# time (the others queue for it, in order) and the count is right. Set USE_LOCK
# to False: they all read the same old value and updates are lost.
import asyncio

N_WORKERS = 4      # param 1..10    workers
START_AT = 1.0     # param 0..5     Event set at (s)
WORK_TIME = 0.5    # param 0.1..3   read-to-write time (s)
USE_LOCK = True    # param  guard with a Lock

counter = 0


def log(text):
    print(f"{asyncio.get_running_loop().time():5.2f}s  {text}")


async def add_one(n):
    global counter
    value = counter
    log(f"worker {n}: read {value}")
    await asyncio.sleep(WORK_TIME)  # another task may run here
    counter = value + 1
    log(f"worker {n}: wrote {counter}")


async def worker(n, go, lock):
    await go.wait()
    if USE_LOCK:
        async with lock:
            await add_one(n)
    else:
        await add_one(n)


async def main():
    go = asyncio.Event()
    lock = asyncio.Lock()
    workers = [asyncio.create_task(worker(n, go, lock), name=f"worker-{n}")
               for n in range(1, N_WORKERS + 1)]
    await asyncio.sleep(START_AT)
    log("main: go!")
    go.set()
    await asyncio.gather(*workers)
    log(f"main: counter is {counter}, expected {N_WORKERS}")


asyncio.run(main())
