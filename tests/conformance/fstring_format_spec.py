# Format specs in f-strings.
pi = 3.14159265
n = 1234567
print(f"[{pi:.2f}] [{pi:8.3f}] [{pi:<8.1f}] [{pi:^10.4f}] [{pi:06.3f}] [{-pi:07.2f}]")
print(f"[{n:,}] [{n:_}] [{n:>12,}] [{n:012d}] [{-n:,}]")
print(f"[{0.256:%}] [{0.256:.1%}] [{1.5:.0%}] [{1:.2%}]")
print(f"[{255:x}] [{255:X}] [{255:#x}] [{8:o}] [{5:b}] [{5:08b}] [{255:#010x}]")
print(f"[{'s':>5}] [{'s':<5}] [{'s':^5}] [{'s':*^7}] [{'left':.<10}] [{'trunc':.3}]")
print(f"[{42:5}] [{42:<5}] [{42:^5}] [{42:+}] [{-42:+}] [{42: }] [{42:=+6}]")
print(f"[{1e6:.2e}] [{0.000123:e}] [{123.456:g}] [{1e-7:g}] [{1e20:.3g}] [{2.5:g}]")
print(f"[{3:.2f}] [{2.5:.0f}] [{3.5:.0f}] [{0.125:.2f}] [{1e16:.1f}] [{-0.0:.1f}]")
width, prec = 10, 3
print(f"[{pi:{width}.{prec}f}] [{'x':>{width}}]")
print(f"[{1234.5:,.2f}] [{True:d}] [{True}] [{7.0}]")
rows = [("apple", 1.5, 3), ("kiwi", 0.25, 12), ("melon", 3.0, 1)]
for name, price, qty in rows:
    print(f"{name:<8}{price:>6.2f}{qty:>4}{price * qty:>8.2f}")
print(f"{'total':<8}{sum(p * q for _, p, q in rows):>18.2f}")
