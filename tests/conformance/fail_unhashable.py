# An uncaught TypeError from using a list as a dict key.
seen = {}
for key in [(1, 2), "a", [3, 4]]:
    seen[key] = True
    print(len(seen))
