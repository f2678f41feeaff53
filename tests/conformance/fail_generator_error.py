# An exception raised inside a generator propagates through the consumer.
def readings():
    for value in [3, 5, 0, 2]:
        yield 60 / value

for r in readings():
    print(r)
