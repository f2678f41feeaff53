import asyncio

class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
        self.lock = asyncio.Lock()

async def transfer(src, dst, amount, log):
    loop = asyncio.get_running_loop()
    first, second = sorted([src, dst], key=lambda a: a.name)
    async with first.lock:
        await asyncio.sleep(0.1)
        async with second.lock:
            if src.balance < amount:
                log.append(f"{loop.time():.2f} {src.name}->{dst.name} {amount}: insufficient funds")
                return False
            src.balance -= amount
            await asyncio.sleep(0.05)
            dst.balance += amount
            log.append(f"{loop.time():.2f} {src.name}->{dst.name} {amount}: ok")
            return True

async def main():
    a = Account("alice", 100)
    b = Account("bob", 50)
    c = Account("carol", 0)
    log = []
    results = await asyncio.gather(
        transfer(a, b, 30, log),
        transfer(b, c, 70, log),
        transfer(c, a, 10, log),
        transfer(a, c, 80, log),
        transfer(b, a, 5, log),
    )
    print("\n".join(log))
    print(results)
    print({acc.name: acc.balance for acc in (a, b, c)}, "total", a.balance + b.balance + c.balance)

asyncio.run(main())
