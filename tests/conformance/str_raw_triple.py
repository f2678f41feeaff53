# Raw strings, triple-quoted strings and implicit concatenation.
raw = r"C:\new\table\x"
print(raw, len(raw), repr(raw))
print(r"\n is two characters:", len(r"\n"))
text = """first line
  second "quoted" line
third 'line'"""
print(text)
print(repr(text))
doc = '''single-quoted
triple'''
print(doc.split("\n"))
joined = "alpha " "beta " 'gamma'
print(joined)
long = ("part one, "
        "part two, "
        "part three")
print(long)
print("""\
no leading newline""")
print(len("""
"""))
