# *args collects extra positional arguments into a tuple.
def total(*nums):
    print(type(nums).__name__, nums)
    s = 0
    for n in nums:
        s += n
    return s

print(total())
print(total(1))
print(total(1, 2, 3, 4))

def log(level, *parts):
    print("[" + level + "]", *parts)

log("info", "started")
log("warn", "disk", 93, "%")
log("debug")

def head_tail(first, *rest):
    return first, rest

print(head_tail(1))
print(head_tail(1, 2, 3))
values = [5, 6, 7]
print(total(*values))
print(total(*values, *values))
print(total(0, *range(5), 100))
print(max(*values))
