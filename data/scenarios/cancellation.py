# Cancellation and shield: stopping tasks from outside
#
# What to notice: after PATIENCE seconds main() cancels the download and the
# client. The download gets a CancelledError at its await, cleans up and its
# lane ends cancelled. The client waits for the save through asyncio.shield():
# cancelling the client stops its wait, but the save task is not touched and
# runs to the end. Raise PATIENCE above the durations and nothing is cancelled.
import asyncio

PATIENCE = 1.5        # param 0.1..6  main() gives up after (s)
DOWNLOAD_TIME = 3.0   # param 0.1..6  download time (s)
SAVE_TIME = 2.5       # param 0.1..6  shielded save time (s)


def log(text):
    print(f"{asyncio.get_running_loop().time():5.2f}s  {text}")


async def download():
    try:
        await asyncio.sleep(DOWNLOAD_TIME)
        log("download: finished")
    except asyncio.CancelledError:
        log("download: cancelled, deleting the partial file")
        await asyncio.sleep(0.2)
        raise  # a cancelled task should end cancelled


async def save():
    await asyncio.sleep(SAVE_TIME)
    log("save: written to disk")
    return "saved"


async def client(saving):
    try:
        log(f"client: {await asyncio.shield(saving)}")
    except asyncio.CancelledError:
        log("client: cancelled, the save goes on without me")
        raise


async def main():
    loading = asyncio.create_task(download(), name="download")
    saving = asyncio.create_task(save(), name="save")
    waiting = asyncio.create_task(client(saving), name="client")
    await asyncio.sleep(PATIENCE)
    log("main: out of patience, cancelling download and client")
    loading.cancel()
    waiting.cancel()
    await asyncio.wait([loading, waiting])
    log(f"main: download cancelled? {loading.cancelled()}")
    log(f"main: client cancelled? {waiting.cancelled()}")
    log(f"main: the save says {await saving!r}")


asyncio.run(main())
