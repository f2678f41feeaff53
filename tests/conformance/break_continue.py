# break and continue in nested loops.
for i in range(4):
    for j in range(4):
        if j > i:
            break
        if (i + j) % 2:
            continue
        print(i, j)
result = []
for word in ["apple", "skip", "banana", "stop", "cherry"]:
    if word == "skip":
        continue
    if word == "stop":
        break
    result.append(word)
print(result)
found = None
for row in [[1, 3], [5, 8, 9], [10]]:
    for value in row:
        if value % 2 == 0:
            found = value
            break
    if found is not None:
        break
print("first even:", found)
total = 0
for n in range(100):
    if n % 3:
        continue
    if n > 30:
        break
    total += n
print(total)
