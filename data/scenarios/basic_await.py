# Basic await: fetches one after another
#
# What to notice: the program has one task, main(), and its lane is asleep
# almost all the time. Each `await fetch_data(...)` suspends main() until the
# sleep inside fetch_data() is over, so the fetches happen one after another
# and the run lasts their sum. Raise N_FETCHES or DELAY and the run grows in
# a straight line; then open the Gather scenario, where the fetches overlap.
import asyncio

N_FETCHES = 3   # param 1..10   number of fetches
DELAY = 1.0     # param 0.1..5  seconds per fetch


def log(text):
    print(f"{asyncio.get_running_loop().time():5.2f}s  {text}")


async def fetch_data(item):
    log(f"fetching item {item}...")
    await asyncio.sleep(DELAY)  # stands in for a network request
    log(f"got item {item}")
    return {"item": item, "value": item * 10}


async def main():
    values = []
    for item in range(1, N_FETCHES + 1):
        data = await fetch_data(item)
        values.append(data["value"])
    log(f"all done: {values}")


asyncio.run(main())
