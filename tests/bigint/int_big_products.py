# Factorials and Fibonacci numbers past 64 bits.
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)

print(fact(20))
print(fact(21))
print(fact(30))
a, b = 0, 1
for _ in range(100):
    a, b = b, a + b
print(a)
print(10 ** 20 // 3, 7 ** 30 % 1000)
