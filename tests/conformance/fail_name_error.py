# An uncaught NameError (a name with no near miss, so no suggestion is involved).
def compute():
    return 6 * 7

print(compute())
print(undefined_function_xyz())
