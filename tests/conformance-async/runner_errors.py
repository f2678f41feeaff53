import asyncio

async def boom():
    await asyncio.sleep(0.1)
    raise ArithmeticError("overflowed the widget")

runner = asyncio.Runner()
try:
    runner.run(boom())
except ArithmeticError as exc:
    print(f"run() re-raised {exc!r}")
print("runner still usable:", runner.run(asyncio.sleep(0.1, result="yes")))
runner.close()
runner.close()
print("close() twice is fine")
coro = asyncio.sleep(0)
try:
    runner.run(coro)
except RuntimeError as exc:
    print(f"run() after close(): RuntimeError: {exc}")
finally:
    coro.close()
try:
    asyncio.run(42)
except ValueError as exc:
    print(f"asyncio.run(42): ValueError: {exc}")
