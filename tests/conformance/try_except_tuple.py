# except with a tuple of types, and handler order.
def risky(kind):
    if kind == "key":
        return {}["k"]
    if kind == "index":
        return [][1]
    if kind == "zero":
        return 1 // 0
    if kind == "type":
        return "a" + 1
    if kind == "value":
        return int("nope")
    return "fine"

for kind in ["key", "index", "zero", "type", "value", "ok"]:
    try:
        print(kind, "->", risky(kind))
    except (KeyError, IndexError) as e:
        print(kind, "lookup error", type(e).__name__, e)
    except (ZeroDivisionError, TypeError) as e:
        print(kind, "math/type error", type(e).__name__, e)
    except Exception as e:
        print(kind, "other", type(e).__name__, e)

errors = (ValueError, TypeError)
try:
    int([1])
except errors as e:
    print("caught with a tuple variable:", type(e).__name__, e)
try:
    raise KeyError("base class order")
except LookupError as e:
    print("LookupError catches", type(e).__name__)
except KeyError:
    print("never reached")
