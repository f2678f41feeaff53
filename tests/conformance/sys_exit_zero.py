# sys.exit() and sys.exit(0) end the program with status 0; finally blocks still run.
import sys
print("before")
try:
    sys.exit()
except SystemExit as e:
    print("caught SystemExit", repr(e.code))
try:
    sys.exit(0)
except SystemExit as e:
    print("caught SystemExit", e.code)
try:
    sys.exit("message")
except SystemExit as e:
    print("caught", e.code, e.args)
print(isinstance(SystemExit(), BaseException), isinstance(SystemExit(), Exception))
try:
    sys.exit(0)
finally:
    print("finally runs before exiting")
print("never printed")
