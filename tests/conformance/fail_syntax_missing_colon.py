# A syntax error: the program does not start, nothing is printed on stdout.
print("this line never runs")
def broken()
    return 1
