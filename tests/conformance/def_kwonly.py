# Keyword-only parameters after * or *args.
def make_user(name, *, admin=False, email):
    return {"name": name, "admin": admin, "email": email}

print(make_user("ann", email="ann@example.org"))
print(make_user("bob", email="b@x", admin=True))
try:
    make_user("cy", "c@x")
except TypeError as e:
    print("TypeError:", e)
try:
    make_user("di")
except TypeError as e:
    print("TypeError:", e)

def fmt(*values, sep=", ", end="."):
    return sep.join(str(v) for v in values) + end

print(fmt(1, 2, 3))
print(fmt(1, 2, 3, sep="-"))
print(fmt("a", end="!"))

def everything(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, kw

print(everything(1, c=3))
print(everything(1, 5, 6, 7, c=8, e=9))
