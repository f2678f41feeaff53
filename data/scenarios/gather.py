# Gather: three fetches at the same time
#
# What to notice: gather() wraps each coroutine in a task of its own, so three
# new lanes start together and sleep side by side while main() waits in
# gather. The run takes as long as the slowest fetch, not the sum of all
# three, and the results come back in the order they were passed, not the
# order they finished. Change the delays and watch which lane ends last.
import asyncio

USER_DELAY = 1.0      # param 0.1..5  user fetch time (s)
ORDERS_DELAY = 2.5    # param 0.1..5  orders fetch time (s)
WEATHER_DELAY = 1.5   # param 0.1..5  weather fetch time (s)


def log(text):
    print(f"{asyncio.get_running_loop().time():5.2f}s  {text}")


async def fetch(what, delay):
    log(f"start {what}")
    await asyncio.sleep(delay)  # stands in for a network request
    log(f"done  {what}")
    return f"{what} after {delay}s"


async def main():
    results = await asyncio.gather(
        fetch("user", USER_DELAY),
        fetch("orders", ORDERS_DELAY),
        fetch("weather", WEATHER_DELAY),
    )
    log(f"gather returned {results}")
    total = USER_DELAY + ORDERS_DELAY + WEATHER_DELAY
    log(f"one after another it would have taken {total:.2f}s")


asyncio.run(main())
