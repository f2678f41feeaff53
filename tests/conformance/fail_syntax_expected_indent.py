# A block with no indented body.
print("this line never runs")
for i in range(3):
print(i)
