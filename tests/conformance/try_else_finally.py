# The order of try / except / else / finally.
def run(action):
    print("--", action)
    try:
        print("try")
        if action == "raise":
            raise ValueError("bad")
        if action == "return":
            return "returned value"
    except ValueError as e:
        print("except", e)
    else:
        print("else")
    finally:
        print("finally")
    print("after")
    return "end"

print(run("ok"))
print(run("raise"))
print(run("return"))

def cleanup_order():
    try:
        try:
            raise KeyError("inner")
        finally:
            print("inner finally")
    except KeyError:
        print("outer except")
    finally:
        print("outer finally")
cleanup_order()

for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("finally", i)
while True:
    try:
        break
    finally:
        print("finally on break")
