# Truth values of built-in objects.
values = [0, 1, -1, 0.0, 0.1, "", " ", "0", [], [0], (), (None,), {}, {"": 0}, set(), {0},
          None, True, False, range(0), range(1)]
for v in values:
    print(repr(v), bool(v), "truthy" if v else "falsy")
class Empty:
    def __len__(self):
        return 0
class Default:
    pass
print(bool(Empty()), bool(Default()))
print(bool(), bool(bool), isinstance(True, int), type(True).__name__, int(True), str(False))
print(sum([True, True, False, True]), [x for x in [0, 1, 2, "", "a"] if x])
