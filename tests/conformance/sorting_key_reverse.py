# list.sort with key and reverse, custom orders.
students = [
    {"name": "Zoe", "grade": 90, "age": 20},
    {"name": "adam", "grade": 85, "age": 22},
    {"name": "Bea", "grade": 90, "age": 19},
    {"name": "carl", "grade": 70, "age": 22},
]
students.sort(key=lambda s: s["name"])
print([s["name"] for s in students])
students.sort(key=lambda s: s["name"].lower())
print([s["name"] for s in students])
students.sort(key=lambda s: s["grade"], reverse=True)
print([(s["name"], s["grade"]) for s in students])
students.sort(key=lambda s: (s["age"], s["name"].lower()))
print([(s["age"], s["name"]) for s in students])
order = {"high": 0, "medium": 1, "low": 2}
tasks = [("write", "low"), ("fix", "high"), ("test", "medium"), ("ship", "high")]
tasks.sort(key=lambda t: order[t[1]])
print(tasks)
nums = [-5, 3, -1, 4, -2]
nums.sort(key=abs)
print(nums)
nums.sort(key=lambda n: n * n, reverse=True)
print(nums)
words = "the Quick brown fox Jumps over the lazy dog".split()
words.sort(key=lambda w: (len(w), w.lower()))
print(words)
