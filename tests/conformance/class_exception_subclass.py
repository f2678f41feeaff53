# Exception subclasses with extra state and super().__init__.
class HTTPError(Exception):
    def __init__(self, status, reason):
        super().__init__(status, reason)
        self.status = status
        self.reason = reason
    def __str__(self):
        return str(self.status) + " " + self.reason

class NotFound(HTTPError):
    def __init__(self, path):
        super().__init__(404, "Not Found")
        self.path = path

def fetch(path):
    if path == "/missing":
        raise NotFound(path)
    if path == "/boom":
        raise HTTPError(500, "Internal Server Error")
    return "200 OK " + path

for path in ["/", "/missing", "/boom"]:
    try:
        print(fetch(path))
    except NotFound as e:
        print("not found:", e, e.path, e.args, repr(e))
    except HTTPError as e:
        print("http error:", e, e.status, repr(e))
