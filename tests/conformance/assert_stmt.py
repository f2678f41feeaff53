# assert with and without a message.
def withdraw(balance, amount):
    assert amount > 0, "amount must be positive, got " + str(amount)
    assert amount <= balance, f"insufficient: {balance} < {amount}"
    return balance - amount

print(withdraw(100, 30))
for args in [(100, -5), (10, 50), (10, 10)]:
    try:
        print(withdraw(*args))
    except AssertionError as e:
        print("AssertionError:", e, e.args)
try:
    assert 1 + 1 == 3
except AssertionError as e:
    print("bare assert:", repr(e), e.args)
assert True, "never evaluated " + str(1 / 1)
try:
    assert [], ["list", "message"]
except AssertionError as e:
    print("non-string message:", e.args[0])
x = 5
assert x == 5
print("passed all asserts")
