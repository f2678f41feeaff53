# as_completed: results in the order they finish
#
# What to notice: the lookups start together, each with a random duration.
# main() loops over as_completed() and handles each result as soon as it is
# ready, fastest first, where gather() would wait for the slowest. With
# TIMEOUT below the slowest lookup, as_completed() raises TimeoutError and
# main() cancels the lookups still running. SEED picks other durations.
import asyncio
import random

N_LOOKUPS = 5     # param 1..12    number of lookups
TIMEOUT = 3.0     # param 0.5..10  as_completed timeout (s)
SEED = 7          # param 0..100   seed for the durations


def log(text):
    print(f"{asyncio.get_running_loop().time():5.2f}s  {text}")


async def lookup(n, seconds):
    await asyncio.sleep(seconds)
    return f"lookup {n} ({seconds}s)"


async def main():
    random.seed(SEED)
    tasks = [asyncio.create_task(lookup(n, round(random.uniform(0.5, 4.5), 1)),
                                 name=f"lookup-{n}")
             for n in range(1, N_LOOKUPS + 1)]
    try:
        for next_done in asyncio.as_completed(tasks, timeout=TIMEOUT):
            log(f"got {await next_done}")
    except TimeoutError:
        late = [task.get_name() for task in tasks if not task.done()]
        log(f"timed out after {TIMEOUT}s, cancelling {late}")
        for task in tasks:
            task.cancel()
    log("main: done")


asyncio.run(main())
