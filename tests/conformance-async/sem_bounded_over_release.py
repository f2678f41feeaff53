import asyncio

async def main():
    sem = asyncio.BoundedSemaphore(2)
    await sem.acquire()
    print("acquired once, locked:", sem.locked())
    sem.release()
    print("released back to 2")
    try:
        sem.release()
    except ValueError as exc:
        print(f"BoundedSemaphore over-release: ValueError: {exc}")

    plain = asyncio.Semaphore(2)
    plain.release()
    plain.release()
    took = 0
    while not plain.locked():
        await plain.acquire()
        took += 1
    print(f"plain Semaphore(2) released twice extra: {took} acquisitions before locked")
    try:
        asyncio.Semaphore(-1)
    except ValueError as exc:
        print(f"negative value: {exc}")

asyncio.run(main())
