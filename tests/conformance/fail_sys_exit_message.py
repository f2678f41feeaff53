# sys.exit("message"): the message goes to stderr and the status is 1.
import sys
def main():
    print("checking configuration")
    sys.exit("fatal: configuration missing")
main()
