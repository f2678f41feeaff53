# An uncaught KeyboardInterrupt ends the program like Ctrl+C (status 130).
print("working")
raise KeyboardInterrupt
