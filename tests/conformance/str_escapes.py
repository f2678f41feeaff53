# Escape sequences and how repr() quotes strings.
print("tab:\tend")
print("new\nline")
print("back\\slash", 'single \' quote', "double \" quote")
print("\x41\x42\u00e9\u20ac", "\101", len("\u20ac"))
samples = ["plain", "it's", 'say "hi"', "both ' and \"", "tab\t", "nl\n", "\\", "\x00\x7f", "é", "\r\n", "bell\a"]
for s in samples:
    print(repr(s), len(s))
print(repr("\t".join(["a", "b"])))
print(["a'b", 'a"b', "a\\b"])
print(repr(""), repr(" "), repr("'"), repr('"'))
print("multi\
line continuation")
