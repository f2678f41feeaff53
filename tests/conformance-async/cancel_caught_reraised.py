import asyncio

async def save_progress(name, step):
    await asyncio.sleep(0.2)
    print(f"{asyncio.get_running_loop().time():.2f} {name}: progress saved at step {step}")

async def long_job(name):
    loop = asyncio.get_running_loop()
    step = 0
    try:
        while True:
            await asyncio.sleep(0.5)
            step += 1
            print(f"{loop.time():.2f} {name}: step {step}")
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} {name}: cancelled, cleaning up")
        await save_progress(name, step)
        raise
    finally:
        print(f"{loop.time():.2f} {name}: finally")

async def main():
    loop = asyncio.get_running_loop()
    job = asyncio.create_task(long_job("etl"))
    await asyncio.sleep(1.7)
    job.cancel()
    print(f"{loop.time():.2f} cancel requested; done yet? {job.done()}")
    try:
        await job
    except asyncio.CancelledError:
        print(f"{loop.time():.2f} job is cancelled: {job.cancelled()}")

asyncio.run(main())
