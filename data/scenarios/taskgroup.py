# TaskGroup: one failure cancels the rest
#
# What to notice: the jobs start together inside a TaskGroup; job n needs n
# seconds. When FAILING_JOB raises at FAIL_AT seconds, the group cancels the
# jobs still running (their lanes end cancelled), waits for them, and raises
# an ExceptionGroup that main() handles with `except*`. Set FAILING_JOB to 0
# and every job finishes; set FAIL_AT after the last job and nothing is left
# to cancel.
import asyncio

N_JOBS = 4         # param 1..8     jobs (job n takes n s)
FAILING_JOB = 2    # param 0..8     failing job (0: none)
FAIL_AT = 2.5      # param 0.1..10  when it fails (s)


def log(text):
    print(f"{asyncio.get_running_loop().time():5.2f}s  {text}")


async def job(n):
    if n == FAILING_JOB:
        await asyncio.sleep(FAIL_AT)
        log(f"job {n}: failing")
        raise ValueError(f"job {n} broke")
    await asyncio.sleep(n)
    log(f"job {n}: done")


async def main():
    jobs = []
    try:
        async with asyncio.TaskGroup() as group:
            for n in range(1, N_JOBS + 1):
                jobs.append(group.create_task(job(n), name=f"job-{n}"))
        log("main: every job finished")
    except* ValueError as failures:
        log(f"main: the group failed with {failures.exceptions!r}")
    # The group cancels in no fixed order, so report in job order here.
    cancelled = [task.get_name() for task in jobs if task.cancelled()]
    log(f"main: cancelled by the group: {cancelled}")


asyncio.run(main())
