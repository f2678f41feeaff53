# raise, bare raise and re-raising a caught exception.
def check(n):
    if n < 0:
        raise ValueError("negative: " + str(n))
    if n == 0:
        raise ZeroDivisionError
    return 100 // n

for n in [5, -1, 0]:
    try:
        print(check(n))
    except ValueError as e:
        print("ValueError", e)
    except ZeroDivisionError as e:
        print("ZeroDivisionError", repr(e), repr(str(e)))

def log_and_reraise():
    try:
        check(-7)
    except ValueError:
        print("logging, then re-raising")
        raise

try:
    log_and_reraise()
except ValueError as e:
    print("outer got", e)

def reraise_other():
    try:
        {}["x"]
    except KeyError as e:
        err = e
    raise err

try:
    reraise_other()
except KeyError as e:
    print("re-raised later:", repr(e))

try:
    raise TypeError("class instance")
except TypeError as e:
    print(e)
try:
    raise RuntimeError
except RuntimeError as e:
    print(repr(e))
try:
    raise 42
except TypeError as e:
    print("TypeError:", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
