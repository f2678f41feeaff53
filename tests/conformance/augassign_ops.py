# Augmented assignment with every arithmetic operator.
n = 10
n += 5; print(n)
n -= 3; print(n)
n *= 4; print(n)
n //= 5; print(n)
n %= 4; print(n)
n **= 3; print(n)
n /= 2; print(n)
f = 7.5
f += 0.25; print(f)
f -= 10; print(f)
f *= -2; print(f)
f //= 2; print(f)
f %= 2.5; print(f)
f **= 2; print(f)
f /= 8; print(f)
s = "ab"
s += "cd"; print(s)
s *= 3; print(s)
lst = [1]
alias = lst
lst += [2, 3]
print(lst, alias, lst is alias)
lst *= 2
print(lst, alias is lst)
t = (1, 2)
t2 = t
t += (3,)
print(t, t2, t is t2)
neg = -17
neg //= 5; print(neg)
neg = -17
neg %= 5; print(neg)
