# An uncaught IndexError.
queue = ["first", "second"]
while True:
    print(queue.pop(0))
    print(queue[0])
