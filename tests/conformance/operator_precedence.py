# Operator precedence and associativity.
print(2 + 3 * 4, (2 + 3) * 4, 2 * 3 + 4, 10 - 4 - 3, 10 - (4 - 3))
print(2 ** 3 ** 2, (2 ** 3) ** 2, -2 ** 2, (-2) ** 2, 2 ** -2)
print(100 / 10 / 5, 100 / (10 / 5), 17 // 5 * 5 + 17 % 5, 7 % 3 * 2)
print(-3 * -3, - - 3, +-3, -+3, 2 * -3, 2 ** -1 * 4)
print(1 + 2 < 4, 1 < 2 == True, not 1 == 2, not 1 + 1 == 2)
print(True or False and False, (True or False) and False, not True or True)
print(1 if 0 else 2 + 3, (1 if 0 else 2) + 3)
print(1 < 2 and 2 < 3 or 1 / 1, 0 or 5 and 6, 0 and 5 or 6)
x = 3
print(x * 2 in [6], x in [3] == True, -x ** 2, (-x) ** 2)
print(10 % 3 ** 2, 2 * 3 % 4, 16 / 4 * 2, 2 ** 2 * 3)
print("a" + "b" * 2, ("a" + "b") * 2, "x" * 2 + "y")
