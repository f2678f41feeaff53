# Nested subscripts and attribute access on data structures.
data = {
    "users": [
        {"name": "ann", "roles": ["admin", "dev"], "meta": {"age": 31}},
        {"name": "bob", "roles": [], "meta": {"age": 25}},
    ],
    "version": (1, 4, 2),
}
print(data["users"][0]["roles"][-1], data["users"][1]["meta"]["age"], data["version"][1:])
data["users"][1]["roles"].append("ops")
data["users"][0]["meta"]["age"] += 1
print([u["roles"] for u in data["users"]], data["users"][0]["meta"])
grid = [[r * 3 + c for c in range(3)] for r in range(3)]
print(grid[1][2], grid[-1][-1], [grid[i][i] for i in range(3)], grid[2][::-1])
grid[0][0], grid[2][2] = grid[2][2], grid[0][0]
print(grid)
keys = ["a", "b"]
table = {k: {k2: k + k2 for k2 in keys} for k in keys}
print(table["b"]["a"], table)
class Node:
    def __init__(self, value, children=()):
        self.value = value
        self.children = list(children)
tree = Node(1, [Node(2, [Node(4)]), Node(3)])
print(tree.children[0].children[0].value, len(tree.children[1].children))
tree.children[1].value *= 10
print([c.value for c in tree.children])
