# An exception raised while handling another: "During handling ..." in the traceback.
def load(data):
    try:
        return data["value"]
    except KeyError:
        print("missing value, using fallback")
        return data["fallback"]

print(load({"value": 1}))
print(load({"fallback": 2}))
print(load({}))
