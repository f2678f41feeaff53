# An uncaught ExceptionGroup prints its tree of sub-exceptions.
def run_all():
    errors = []
    for i, fn in enumerate([lambda: 1 / 0, lambda: [][1], lambda: "ok"]):
        try:
            print(i, fn())
        except Exception as e:
            errors.append(e)
    raise ExceptionGroup("2 jobs failed", errors)

run_all()
