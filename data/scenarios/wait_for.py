# wait_for: a deadline for each request
#
# What to notice: main() sends the requests one at a time (request n takes
# n * STEP seconds), each through wait_for(), which runs it as a task of its
# own. A request slower than TIMEOUT is cancelled when the deadline passes:
# its lane ends early, cancelled, and main() gets a TimeoutError instead of a
# reply. Raise TIMEOUT above the slowest request and nothing times out; lower
# it and more requests fail.
import asyncio

N_REQUESTS = 4   # param 1..10   number of requests
TIMEOUT = 2.5    # param 0.1..8  wait_for timeout (s)
STEP = 1.0       # param 0.1..2  slowdown per request (s)


def log(text):
    print(f"{asyncio.get_running_loop().time():5.2f}s  {text}")


async def request(n):
    await asyncio.sleep(n * STEP)  # a server that gets slower and slower
    return f"reply {n}"


async def main():
    answered = 0
    for n in range(1, N_REQUESTS + 1):
        log(f"request {n} sent")
        try:
            reply = await asyncio.wait_for(request(n), timeout=TIMEOUT)
            log(f"request {n}: {reply}")
            answered += 1
        except TimeoutError:
            log(f"request {n}: no reply within {TIMEOUT}s, cancelled")
    log(f"{answered} of {N_REQUESTS} requests answered")


asyncio.run(main())
