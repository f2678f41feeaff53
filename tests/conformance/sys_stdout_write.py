# sys.stdout.write and sys.stderr.write.
import sys
n = sys.stdout.write("no newline added")
sys.stdout.write("\n")
print("write returned", n)
sys.stdout.write("a" + "b" + "\n")
count = sys.stdout.write("")
print("empty write returned", count)
sys.stderr.write("this goes to stderr\n")
for i in range(3):
    sys.stdout.write(str(i) + " ")
sys.stdout.write("\n")
print("print and write", end=" | ")
sys.stdout.write("interleave in order\n")
sys.stdout.write("unicode é €\n")
