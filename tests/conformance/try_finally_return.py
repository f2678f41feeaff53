# return, break and exceptions interacting with finally.
def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"

def finally_swallows():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"

def finally_sees_value():
    x = 1
    try:
        return x
    finally:
        x = 2
        print("finally sets x =", x)

def counter():
    log = []
    for i in range(5):
        try:
            if i == 3:
                return log
            log.append(i)
        finally:
            log.append("f" + str(i))
    return log

def nested():
    try:
        try:
            return "inner"
        finally:
            print("inner finally")
    finally:
        print("outer finally")

print(finally_overrides())
print(finally_swallows())
print(finally_sees_value())
print(counter())
print(nested())
def loop_break():
    for i in range(10):
        try:
            if i == 2:
                break
        finally:
            print("cleanup", i)
    return i
print(loop_break())
