# try/except catching specific exceptions.
def safe_div(a, b):
    try:
        return a / b
    except ZeroDivisionError:
        return "cannot divide " + str(a) + " by zero"

print(safe_div(10, 4), safe_div(1, 0))

def parse(s):
    try:
        n = int(s)
    except ValueError as e:
        print("bad input:", e)
        return None
    else:
        print("parsed", n)
        return n

parse("42")
parse("4x2")
parse("")
items = [1, 2, 3]
for i in [0, 2, 5, -1, -4]:
    try:
        print(i, items[i])
    except IndexError as e:
        print(i, "IndexError:", e)
data = {"a": 1}
try:
    data["b"]
except KeyError as e:
    print("KeyError:", e, repr(e), e.args)
try:
    raise Exception
except Exception as e:
    print(repr(e), str(e) == "", e.args)
try:
    try:
        1 / 0
    except KeyError:
        print("wrong handler")
except ZeroDivisionError as e:
    print("outer caught", e)
e = "still bound?"
try:
    raise ValueError("x")
except ValueError as e:
    pass
try:
    print(e)
except NameError as err:
    print("the except target is unbound afterwards:", err)
