import asyncio

class ApiError(Exception):
    def __init__(self, code):
        self.code = code

async def call(endpoint, delay, code=None):
    await asyncio.sleep(delay)
    if code is not None:
        raise ApiError(code)
    return endpoint

async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(call("/a", 0.3, 500))
            tg.create_task(call("/b", 0.3, 404))
            tg.create_task(call("/c", 0.1))
            tg.create_task(call("/d", 0.9))
    except ExceptionGroup as eg:
        print(f"{loop.time():.2f} {type(eg).__name__}: {eg}")
        print(f"message: {eg.message!r}")
        for exc in eg.exceptions:
            print(f"  {type(exc).__name__} code={exc.code} args={exc.args}")
        print("is ExceptionGroup:", isinstance(eg, ExceptionGroup), "is Exception:", isinstance(eg, Exception))

asyncio.run(main())
