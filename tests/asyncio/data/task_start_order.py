import asyncio

async def job(n):
    print("job", n, "starts")
    await asyncio.sleep(0)
    print("job", n, "ends")
    return n * 10

async def main():
    tasks = [asyncio.create_task(job(i), name=f"J{i}") for i in range(3)]
    print("created", [t.get_name() for t in tasks])
    r = await asyncio.wait_for(asyncio.gather(*tasks), 1)
    print(r)
    try:
        await asyncio.wait_for(asyncio.sleep(1), 1)
    except TimeoutError:
        print("timeout wins the tie")
    print(repr(asyncio.create_task(job(9))))

asyncio.run(main())
