# An indentation error.
print("this line never runs")
def f():
    x = 1
      y = 2
    return x + y
