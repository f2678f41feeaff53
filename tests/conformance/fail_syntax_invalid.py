# An invalid assignment target.
x = 1
1 = x
