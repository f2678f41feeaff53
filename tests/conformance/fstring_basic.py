# f-strings: expressions, calls, nesting quotes, braces.
name = "Ada"
age = 36
items = ["x", "y"]
d = {"key": "value"}
print(f"{name} is {age}")
print(f"{name.upper()} in {age + 4} years: {age * 2 // 3}")
print(f"{items[0]}{items[-1]} {len(items)} {d['key']}")
print(f"{{literal braces}} {{{name}}}")
print(f"{'quoted'} {'a' + 'b'}", f'{"double"} {d["key"]}')
print(f"{3.0} {1/3} {None} {True} {[1, 'a']} {(1,)} {d}")
print(f"{'yes' if age > 18 else 'no'}")
print(f"{', '.join(items)}")
x = 10
print(f"{x}{x}{x}", f"", f"{x:}", f"a{x}b")
multi = (f"one {x} "
         f"two {x + 1} "
         "three")
print(multi)
print(f"""triple {name}
second line {age}""")
print(F"capital F {x}", rf"raw {name}\n")
