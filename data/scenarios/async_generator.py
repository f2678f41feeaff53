# Async generator: reading a feed page by page
#
# What to notice: fetch_pages() is an async generator, so it runs inside the
# task that reads it: there is no lane for the generator itself. Each reader
# alternates between waiting for the next page (the sleep inside the
# generator) and processing the one it got; nothing is fetched ahead. The two
# readers interleave because each is a task. Set STOP_AFTER (0: read all) and
# the news reader breaks out early and closes its generator.
import asyncio

N_PAGES = 4          # param 1..10   pages in each feed
FETCH_TIME = 0.6     # param 0.1..2  seconds per page fetch
PROCESS_TIME = 0.4   # param 0..2    seconds per page work
STOP_AFTER = 0       # param 0..10   news stops after page


def log(text):
    print(f"{asyncio.get_running_loop().time():5.2f}s  {text}")


async def fetch_pages(feed, fetch_time):
    for number in range(1, N_PAGES + 1):
        await asyncio.sleep(fetch_time)  # stands in for an HTTP request
        log(f"{feed}: fetched page {number}")
        yield [f"{feed}-{number}-{i}" for i in range(3)]
    log(f"{feed}: no more pages")


async def read(feed, fetch_time):
    pages = fetch_pages(feed, fetch_time)
    items = 0
    async for page in pages:
        await asyncio.sleep(PROCESS_TIME)
        items += len(page)
        log(f"{feed}: processed {page[0]}..{page[-1]}")
        if feed == "news" and items == 3 * STOP_AFTER:
            log(f"{feed}: enough, stopping early")
            break
    await pages.aclose()  # lets the generator clean up right away
    return items


async def main():
    news = asyncio.create_task(read("news", FETCH_TIME), name="news")
    sport = asyncio.create_task(read("sport", 1.5 * FETCH_TIME), name="sport")
    log(f"items read: news {await news}, sport {await sport}")


asyncio.run(main())
