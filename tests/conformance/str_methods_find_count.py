# find, count, startswith, endswith, replace, in.
s = "the quick brown fox jumps over the lazy dog"
print(s.find("the"), s.find("the", 1), s.find("cat"), s.find(""), s.find("o", 20, 30))
print(s.count("the"), s.count("o"), s.count(""), "aaaa".count("aa"), s.count("o", 0, 15))
print(s.startswith("the"), s.startswith("quick", 4), s.endswith("dog"), s.endswith(("cat", "dog")))
print(s.startswith(("a", "t")), "".startswith(""), "abc".endswith(""))
print(s.replace("the", "a"), "|", s.replace("o", "0", 2), "|", "aaa".replace("a", "bb"))
print("abc".replace("", "-"), "x".replace("y", "z"))
print("fox" in s, "cat" not in s, "" in s)
path = "/home/user/docs/report.final.txt"
dot = path.find(".")
print(path[dot:], path[:path.find("/", 1)])
for ext in ["txt", "pdf"]:
    print(ext, path.endswith("." + ext))
