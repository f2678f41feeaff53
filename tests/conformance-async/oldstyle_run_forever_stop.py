import asyncio

def tick(loop, n):
    print(f"{loop.time():.2f} tick {n}")
    if n < 4:
        loop.call_later(0.5, tick, loop, n + 1)
    else:
        print(f"{loop.time():.2f} stopping the loop")
        loop.stop()

loop = asyncio.new_event_loop()
loop.call_soon(tick, loop, 1)
print("run_forever() starts")
loop.run_forever()
print(f"run_forever() returned at {loop.time():.2f}")
loop.call_soon(print, "a callback scheduled while stopped runs on the next run")
loop.call_soon(loop.stop)
loop.run_forever()
loop.close()
