# raise ... from ..., implicit context, and raise ... from None.
class ConfigError(Exception):
    pass

def load(key):
    settings = {"port": "80x"}
    try:
        return int(settings[key])
    except KeyError as e:
        raise ConfigError("missing key " + key) from e
    except ValueError as e:
        raise ConfigError("bad value for " + key)

for key in ["host", "port"]:
    try:
        load(key)
    except ConfigError as e:
        print("error:", e)
        print("  cause:", repr(e.__cause__))
        print("  context:", repr(e.__context__))
        print("  suppress:", e.__suppress_context__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("replaced") from None
except ValueError as e:
    print(repr(e), e.__cause__, repr(e.__context__), e.__suppress_context__)

err = RuntimeError("fresh")
print(err.__cause__, err.__context__, err.__suppress_context__)
try:
    raise KeyError("a") from ValueError("b")
except KeyError as e:
    print(repr(e.__cause__), repr(e.__context__))
