import asyncio

class ServiceError(Exception):
    def __init__(self, service, code):
        self.service = service
        self.code = code

class Quiet(Exception):
    def __init__(self, detail):
        pass  # does not call super().__init__

async def call(service, code):
    await asyncio.sleep(0.1)
    raise ServiceError(service, code)

async def main():
    results = await asyncio.gather(call("auth", 401), call("db", 503), return_exceptions=True)
    for r in results:
        print(type(r).__name__, r.args, r.service, r.code, str(r))
    q = Quiet("detail")
    print("args kept without super().__init__:", q.args, repr(q))
    try:
        await asyncio.wait_for(call("slow", 504), 0.05)
    except TimeoutError as exc:
        print("wait_for TimeoutError args:", exc.args, "context:", type(exc.__context__).__name__)

asyncio.run(main())
