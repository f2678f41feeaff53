# and / or return one of their operands; not always returns a bool.
print(True and False, True or False, not True, not 0, not "")
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, "" or "default", None or 0 or [] or "last")
print([] and "unreached", [0] and "reached", None and 1 / 0)
calls = []
def t(v):
    calls.append(v)
    return v
print(t(0) and t(1), calls)
calls.clear()
print(t(1) or t(2), calls)
calls.clear()
print(t(1) and t(2) and t(3), calls)
calls.clear()
print(t(0) or t("") or t(None), calls)
x = 5
print(x > 0 and x < 10, not x == 5, not (x > 3 and x < 4))
name = ""
print(name or "anonymous", (name and name.upper()) or "N/A")
print(True + True, True * 3, False == 0, True == 1, True == 1.0)
