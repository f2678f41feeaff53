# Formatting a report table with alignment.
rows = [
    ("Widget", 4, 3.5),
    ("Gadget", 12, 0.25),
    ("Thingamajig", 1, 120.0),
    ("Doohickey", 250, 0.1),
]
headers = ("Item", "Qty", "Unit", "Total")
width = max(len(r[0]) for r in rows) + 2
line = "+" + "-" * width + "+" + "-" * 6 + "+" + "-" * 9 + "+" + "-" * 10 + "+"
print(line)
print(f"|{headers[0]:^{width}}|{headers[1]:>6}|{headers[2]:>9}|{headers[3]:>10}|")
print(line)
grand = 0.0
for name, qty, unit in rows:
    total = qty * unit
    grand += total
    print(f"|{name:<{width}}|{qty:>6}|{unit:>9.2f}|{total:>10.2f}|")
print(line)
print(f"|{'TOTAL':<{width}}|{'':>6}|{'':>9}|{grand:>10.2f}|")
print(line)
print("Average unit price:", round(sum(r[2] for r in rows) / len(rows), 3))
