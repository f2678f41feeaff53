import asyncio

async def fetch_user(user_id):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.3)
    print(f"{loop.time():.2f} user {user_id} loaded")
    return {"id": user_id, "name": f"user{user_id}"}

async def fetch_profile(user):
    loop = asyncio.get_running_loop()
    await asyncio.sleep(0.2)
    print(f"{loop.time():.2f} profile of {user['name']} loaded")
    return {"bio": f"Hello, I am {user['name']}", "followers": user["id"] * 7}

async def load_page(user_id):
    # Each await waits for the previous step: a chain of dependent calls.
    user = await fetch_user(user_id)
    profile = await fetch_profile(user)
    return user["name"], profile["followers"], profile["bio"]

async def main():
    loop = asyncio.get_running_loop()
    for uid in (1, 2, 3):
        name, followers, bio = await load_page(uid)
        print(f"{loop.time():.2f} page: {name!r} has {followers} followers; {bio!r}")
    print(f"done at {loop.time():.2f}")

asyncio.run(main())
