# sys.exit(3): the exit status is 3 and nothing is printed on stderr.
import sys
print("exiting with 3")
sys.exit(3)
print("never")
