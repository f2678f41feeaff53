# RecursionError can be caught, and the program continues.
def down(n):
    return down(n + 1)

try:
    down(0)
except RecursionError as e:
    print("caught:", type(e).__name__, e)

def depth_ok(n):
    return 0 if n == 0 else 1 + depth_ok(n - 1)

print(depth_ok(500))
calls = 0
def count_calls():
    global calls
    calls += 1
    count_calls()
try:
    count_calls()
except RecursionError:
    print("calls made before the limit:", "many" if calls > 500 else "few")
print("still running")
