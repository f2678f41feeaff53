import asyncio

TEMPS = {"Oslo": -3.5, "Lima": 19.0, "Cairo": 27.25, "Quito": 14.5, "Perth": 22.0}

async def get_temperature(city):
    loop = asyncio.get_running_loop()
    delay = 0.1 * len(city)
    await asyncio.sleep(delay)
    print(f"{loop.time():.2f} {city} answered after {delay:.1f}s")
    return TEMPS[city]

async def main():
    loop = asyncio.get_running_loop()
    cities = list(TEMPS)
    temps = await asyncio.gather(*(get_temperature(c) for c in cities))
    report = dict(zip(cities, temps))
    for city, t in sorted(report.items(), key=lambda kv: kv[1]):
        print(f"{city:<6}{t:>7.2f} C")
    print(f"average {sum(temps) / len(temps):.2f} C, warmest {max(report, key=report.get)}")
    print(f"{loop.time():.2f} report ready")

asyncio.run(main())
