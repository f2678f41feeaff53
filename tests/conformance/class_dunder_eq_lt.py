# __eq__ and __lt__ drive ==, !=, sorting, min and max.
class Version:
    def __init__(self, text):
        self.parts = [int(p) for p in text.split(".")]
        self.text = text
    def __eq__(self, other):
        return self.parts == other.parts
    def __lt__(self, other):
        return self.parts < other.parts
    def __repr__(self):
        return "v" + self.text

vs = [Version("1.10.0"), Version("1.2.3"), Version("0.9"), Version("1.2.10"), Version("1.2.3")]
print(sorted(vs))
print(sorted(vs, reverse=True))
print(min(vs), max(vs))
print(Version("1.0") == Version("1.0"), Version("1.0") != Version("1.0"), Version("1.0") != Version("2.0"))
print(Version("1.0") < Version("1.1"), Version("2.0") > Version("1.1"))
print(Version("1.2.3") in vs, vs.index(Version("1.2.10")), vs.count(Version("1.2.3")))

class Plain:
    pass
a, b = Plain(), Plain()
print(a == a, a == b, a != b)
try:
    print(a < b)
except TypeError as e:
    print("TypeError:", e)
try:
    Version("1") <= Version("2")
except TypeError as e:
    print("TypeError:", e)
