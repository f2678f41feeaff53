# from M import * for the standard modules of the subset.
from math import *
print(sqrt(16), pi, floor(2.5))
from random import *
seed(1)
print(randint(1, 10))
from itertools import *
print(list(islice(count(5), 3)))
from collections import *
print(deque([1]), Counter('aab'))
from functools import *
print(reduce(lambda a, b: a + b, [1, 2, 3]))
from time import *
print(type(monotonic()).__name__)
from sys import *
print(type(argv).__name__)
from asyncio import *
print(sleep.__name__)
from dataclasses import *
from enum import *
from typing import *
from contextlib import *
print(suppress.__name__, Enum.__name__, dataclass.__name__)
