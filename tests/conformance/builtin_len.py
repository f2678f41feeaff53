# len() on every sized type, and its error.
print(len("hello"), len(""), len([1, 2, 3]), len(()), len((1,)), len({"a": 1, "b": 2}))
print(len({1, 2, 2, 3}), len(range(10)), len(range(0, 100, 7)), len("日本"), len([[1, 2], [3]]))
print(len({}.keys()), len({"x": 1}.items()), len(dict(a=1)), len(set()))
for bad in [5, 2.5, None, True]:
    try:
        len(bad)
    except TypeError as e:
        print("TypeError:", e)
def gen():
    yield 1
try:
    len(gen())
except TypeError as e:
    print("TypeError:", e)
