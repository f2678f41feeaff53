# The TypeErrors that beginners meet most.
five = 5
pair = [1, 2]
cases = [
    ("len of int", lambda: len(five)),
    ("iterate int", lambda: [x for x in five]),
    ("call int", lambda: five()),
    ("subscript int", lambda: five[0]),
    ("int + str", lambda: five + "a"),
    ("str + int", lambda: "a" + five),
    ("list + int", lambda: [1] + five),
    ("int * None", lambda: five * None),
    ("str < int", lambda: "a" < five),
    ("unhashable key", lambda: {[1]: 2}),
    ("float index", lambda: pair[1.0]),
    ("int attr", lambda: five.upper()),
    ("None attr", lambda: None.upper()),
    ("dict + dict", lambda: {} + {}),
    ("tuple - tuple", lambda: (1,) - (1,)),
    ("str ** int", lambda: "a" ** 2),
    ("int // str", lambda: 1 // "2"),
    ("int % list", lambda: 1 % []),
]
for label, fn in cases:
    try:
        fn()
        print(label, "no error")
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)
