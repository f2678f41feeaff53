import asyncio

async def validate(record):
    await asyncio.sleep(0.1 * record["id"])
    if "email" not in record:
        raise KeyError(f"record {record['id']} has no email")
    if record["age"] < 0:
        raise ValueError(f"record {record['id']} has a negative age")
    print(f"record {record['id']} ok")

async def main():
    records = [
        {"id": 1, "email": "a@x", "age": 30},
        {"id": 2, "age": 40},
        {"id": 2, "email": "c@x", "age": -1},
        {"id": 4, "email": "d@x", "age": 20},
    ]
    async with asyncio.TaskGroup() as tg:
        for r in records:
            tg.create_task(validate(r))

asyncio.run(main())
