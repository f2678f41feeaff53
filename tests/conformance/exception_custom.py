# User-defined exception classes.
class AppError(Exception):
    pass

class NotFound(AppError):
    def __init__(self, what, where):
        super().__init__(what + " not found in " + where)
        self.what = what
        self.where = where

class Quota(AppError):
    def __init__(self, used, limit):
        self.used = used
        self.limit = limit
    def __str__(self):
        return "quota exceeded: " + str(self.used) + "/" + str(self.limit)

class Plain(Exception):
    def __init__(self, code):
        self.code = code

for exc in [AppError("generic"), NotFound("user", "db"), Quota(11, 10), Plain(7)]:
    try:
        raise exc
    except AppError as e:
        print("AppError:", type(e).__name__, "|", e, "|", e.args)
    except Exception as e:
        print("Exception:", type(e).__name__, "|", e, "|", e.args, e.code)

try:
    raise NotFound("file", "disk")
except NotFound as e:
    print(e.what, e.where, repr(e))
print(issubclass(NotFound, AppError), issubclass(AppError, Exception), isinstance(Quota(1, 2), AppError))
print(repr(Quota(1, 2)), str(Quota(1, 2)))
