import asyncio

async def child():
    return "child"

async def main():
    coro = child()
    try:
        asyncio.run(coro)
    except RuntimeError as exc:
        print(f"asyncio.run inside a running loop: RuntimeError: {exc}")
    finally:
        coro.close()
    return await child()

try:
    asyncio.get_running_loop()
except RuntimeError as exc:
    print(f"get_running_loop() outside: RuntimeError: {exc}")
coro = child()
try:
    asyncio.create_task(coro)
except RuntimeError as exc:
    print(f"create_task() outside: RuntimeError: {exc}")
finally:
    coro.close()
print(asyncio.run(main()))
try:
    asyncio.Queue().get_nowait()
except asyncio.QueueEmpty:
    print("a Queue can be used outside a loop with the nowait methods")
