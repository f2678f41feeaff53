# An uncaught ValueError from int().
for text in ["12", "7", "seven"]:
    n = int(text)
    print(n * 2)
