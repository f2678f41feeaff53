# Processing nested records: grouping, totals and a sorted report.
orders = [
    {"id": 1, "customer": "ann", "items": [("apple", 3, 0.5), ("pear", 2, 0.75)]},
    {"id": 2, "customer": "bob", "items": [("melon", 1, 3.0)]},
    {"id": 3, "customer": "ann", "items": [("apple", 10, 0.45), ("kiwi", 4, 0.3)]},
    {"id": 4, "customer": "cy", "items": []},
]
per_customer = {}
per_product = {}
for order in orders:
    total = 0.0
    for name, qty, price in order["items"]:
        total += qty * price
        per_product[name] = per_product.get(name, 0) + qty
    per_customer.setdefault(order["customer"], []).append(round(total, 2))
    print(f"order {order['id']}: {len(order['items'])} lines, total {total:.2f}")
print(per_customer)
print(sorted(per_product.items(), key=lambda kv: kv[1], reverse=True))
best = max(per_customer, key=lambda c: sum(per_customer[c]))
print("best customer:", best, sum(per_customer[best]))
empty = [o["id"] for o in orders if not o["items"]]
print("empty orders:", empty)
