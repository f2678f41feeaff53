# An uncaught TypeError from mixing int and str.
count = 3
print("count is " + str(count))
print(count + " items")
