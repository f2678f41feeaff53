# `from M import X` for every supported module.
from random import seed, random, randint, choice
from time import monotonic, sleep, strftime, gmtime
from functools import partial, reduce, wraps
from itertools import count, cycle, islice, chain, repeat
from contextlib import contextmanager, suppress
from collections import deque, defaultdict, Counter, namedtuple
from dataclasses import dataclass, field
from enum import Enum, auto
from typing import List, Optional
from math import sqrt, floor, pi
from sys import exit, stdout

seed(5)
print(round(random(), 6), randint(1, 9), choice("xyz"))
sleep(2)
print(monotonic(), strftime("%H:%M", gmtime()))
print(partial(reduce, lambda a, b: a + b)([1, 2, 3]))
print(list(islice(chain(repeat("r", 2), cycle("c")), 5)), next(count(3)))
with suppress(KeyError):
    {}[0]
print(deque([1]), defaultdict(int)["k"], Counter("aa")["a"], namedtuple("T", "a")(1))
@dataclass
class D:
    v: int = field(default=3)
class E(Enum):
    X = auto()
print(D(), E.X, sqrt(9), floor(pi))
stdout.write("written\n")
exit(0)
