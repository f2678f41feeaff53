# Uncaught KeyError: the traceback's last line shows the key's repr.
prices = {"apple": 1.25, "pear": 0.8}
order = ["apple", "pear", "mango"]
total = 0.0
for item in order:
    print("adding", item)
    total += prices[item]
print(total)
