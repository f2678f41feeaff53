# if / elif / else chains.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"

for n in [-5, 0, 7, 42, 1000]:
    print(n, classify(n))

def grade(score):
    if score >= 90:
        g = "A"
    elif score >= 80:
        g = "B"
    elif score >= 70:
        g = "C"
    else:
        g = "F"
    return g
print([grade(s) for s in (95, 85, 75, 65, 90, 80)])
x = 5
if x:
    print("truthy")
if not []:
    print("empty list is falsy")
if "":
    print("never")
else:
    print("empty string is falsy")
if x > 3:
    if x > 4:
        print("nested")
if x == 5: print("one-liner")
