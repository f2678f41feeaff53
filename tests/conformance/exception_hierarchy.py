# The built-in exception hierarchy as seen by isinstance and except.
pairs = [
    (ZeroDivisionError, ArithmeticError),
    (OverflowError, ArithmeticError),
    (KeyError, LookupError),
    (IndexError, LookupError),
    (RecursionError, RuntimeError),
    (NotImplementedError, RuntimeError),
    (TimeoutError, OSError),
    (StopIteration, Exception),
    (KeyboardInterrupt, Exception),
    (KeyboardInterrupt, BaseException),
    (Exception, BaseException),
    (ValueError, Exception),
    (AssertionError, Exception),
    (AttributeError, Exception),
    (NameError, Exception),
    (ExceptionGroup, Exception),
]
for sub, base in pairs:
    print(sub.__name__, "<", base.__name__, issubclass(sub, base))

def classify(exc):
    try:
        raise exc
    except LookupError:
        return "lookup"
    except ArithmeticError:
        return "arithmetic"
    except Exception:
        return "other"
    except BaseException:
        return "base"

for exc in [KeyError(), IndexError(), ZeroDivisionError(), ValueError(), KeyboardInterrupt()]:
    print(type(exc).__name__, classify(exc))
