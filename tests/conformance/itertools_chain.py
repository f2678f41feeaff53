# itertools.chain and chain.from_iterable.
from itertools import chain
print(list(chain([1, 2], (3, 4), "ab", range(2))))
print(list(chain()), list(chain([])), list(chain("x")))
print(list(chain.from_iterable([[1], [2, 3], []])), list(chain.from_iterable(["ab", "cd"])))
def gen(n):
    for i in range(n):
        yield i * 100
print(list(chain(gen(2), gen(3))))
lists = [[3, 1], [2], [5, 4]]
print(sorted(chain(*lists)), sum(chain(*lists)), max(chain.from_iterable(lists)))
c = chain("ab", "cd")
print(next(c), next(c), next(c), list(c))
