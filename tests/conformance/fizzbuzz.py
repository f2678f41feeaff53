# FizzBuzz in three styles.
for i in range(1, 16):
    if i % 15 == 0:
        print("FizzBuzz")
    elif i % 3 == 0:
        print("Fizz")
    elif i % 5 == 0:
        print("Buzz")
    else:
        print(i)
print(["Fizz" * (i % 3 == 0) + "Buzz" * (i % 5 == 0) or str(i) for i in range(1, 21)])
def fb(n):
    out = ""
    for d, word in [(3, "Fizz"), (5, "Buzz"), (7, "Bazz")]:
        if n % d == 0:
            out += word
    return out or n
print(", ".join(str(fb(n)) for n in range(100, 110)))
