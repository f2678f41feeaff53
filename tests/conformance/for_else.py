# for loops with else.
def is_prime(n):
    if n < 2:
        return False
    for d in range(2, n):
        if d * d > n:
            break
        if n % d == 0:
            return False
    return True

for n in range(2, 30):
    for d in range(2, n):
        if n % d == 0:
            print(n, "=", d, "*", n // d)
            break
    else:
        print(n, "is prime")

print([n for n in range(50) if is_prime(n)])
for x in []:
    print("never")
else:
    print("else runs for empty loops")
for x in range(3):
    if x == 10:
        break
else:
    print("no break, x =", x)
