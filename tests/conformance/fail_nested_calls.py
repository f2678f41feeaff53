# An exception deep in nested calls: a multi-frame traceback.
def parse_row(row):
    name, score = row.split(":")
    return name, int(score)

def parse_all(rows):
    return [parse_row(r) for r in rows]

def report(rows):
    parsed = parse_all(rows)
    for name, score in parsed:
        print(name, score)

report(["ann:10", "bob:7"])
report(["cy:5", "di:x"])
