# except* splits an ExceptionGroup between handlers.
def raise_group():
    raise ExceptionGroup("several", [
        ValueError("bad value 1"),
        TypeError("bad type"),
        ValueError("bad value 2"),
        KeyError("key"),
    ])

try:
    raise_group()
except* ValueError as eg:
    print("ValueErrors:", [str(e) for e in eg.exceptions])
    print(type(eg).__name__, eg)
except* TypeError as eg:
    print("TypeErrors:", [str(e) for e in eg.exceptions])
except* Exception as eg:
    print("rest:", [repr(e) for e in eg.exceptions])

try:
    try:
        raise ExceptionGroup("mixed", [ValueError("v"), KeyError("k")])
    except* ValueError:
        print("handled the ValueError only")
except ExceptionGroup as rest:
    print("left over:", repr(rest), [repr(e) for e in rest.exceptions])

try:
    raise KeyError("naked")
except* KeyError as eg:
    print("naked exception wrapped:", type(eg).__name__, repr(eg.exceptions))

try:
    raise ExceptionGroup("outer", [ValueError("a"), ExceptionGroup("inner", [ValueError("b"), TypeError("c")])])
except* ValueError as eg:
    print("nested values:", eg)
    print(repr(eg))
except* TypeError as eg:
    print("nested types:", repr(eg))
