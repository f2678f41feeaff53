import asyncio

class IgnoreTimeouts:
    def __init__(self, label):
        self.label = label
        self.suppressed = []

    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        if isinstance(exc, TimeoutError):
            await asyncio.sleep(0.05)
            self.suppressed.append(repr(exc))
            print(f"{asyncio.get_running_loop().time():.2f} {self.label}: suppressed {exc_type.__name__}")
            return True
        return False

async def ping(host, delay):
    await asyncio.sleep(delay)
    return f"{host} pong"

async def main():
    loop = asyncio.get_running_loop()
    guard = IgnoreTimeouts("pinger")
    for host, delay in [("alpha", 0.2), ("beta", 2.0), ("gamma", 0.4)]:
        async with guard:
            reply = await asyncio.wait_for(ping(host, delay), 0.5)
            print(f"{loop.time():.2f} {reply}")
    print(f"suppressed: {guard.suppressed}")
    try:
        async with IgnoreTimeouts("strict"):
            raise ValueError("not a timeout")
    except ValueError as exc:
        print(f"ValueError still propagates: {exc}")

asyncio.run(main())
