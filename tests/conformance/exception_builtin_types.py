# Every listed built-in exception type can be raised and caught by name.
kinds = [BaseException, Exception, ValueError, RuntimeError, TimeoutError, KeyError,
         IndexError, ZeroDivisionError, TypeError, NameError, AttributeError,
         StopIteration, StopAsyncIteration, AssertionError, NotImplementedError,
         OverflowError, RecursionError, KeyboardInterrupt]
for kind in kinds:
    try:
        raise kind("raised " + kind.__name__)
    except kind as e:
        print(type(e).__name__, "|", e, "|", repr(e), "|", kind.__bases__[0].__name__)
try:
    raise ExceptionGroup("group", [ValueError(1)])
except ExceptionGroup as e:
    print(type(e).__name__, e, e.exceptions)
print(issubclass(StopAsyncIteration, Exception), issubclass(TimeoutError, Exception))
