# str.split in its many forms.
print("a b  c".split())
print("  leading and trailing  ".split())
print("a,b,,c".split(","))
print("a, b, c".split(", "))
print("one two three four".split(" ", 2))
print("x".split(","), "".split(","), "".split())
print("line1\nline2\n\nline4".split("\n"))
print("tab\tseparated\tvalues".split("\t"))
print("a::b::c".split("::"))
print("no-sep".split("|"))
print("1 2 3".split(None, 1))
print(" x  y ".split(" "))
csv = "name,age,city\nann,31,oslo\nbob,25,rome"
rows = [line.split(",") for line in csv.split("\n")]
print(rows)
header, *records = rows
for r in records:
    print(dict(zip(header, r)))
try:
    "abc".split("")
except ValueError as e:
    print("ValueError:", e)
