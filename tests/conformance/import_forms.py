# The import forms for supported modules.
import random
import time
import math as m
from functools import reduce, partial
from collections import deque, Counter as C
from itertools import count
import itertools
import collections
import functools
import contextlib
import dataclasses
import enum
import typing
import sys
from typing import List, Dict
from math import sqrt, pi

print(m.sqrt(16), sqrt(2), round(pi, 5), m.pi == pi)
print(reduce(lambda a, b: a * b, [1, 2, 3, 4]))
print(partial(max, 0)(-5, -3), partial(min, 0)(-5, 3))
print(deque([1, 2]), C("aab"))
c = count(5)
print(next(c), next(c))
print(type(random).__name__, type(time).__name__, m.__name__, itertools.__name__)
print(collections.namedtuple("P", "x y")(1, 2))
print(functools.reduce(lambda a, b: a + b, "abc"))
random.seed(1)
print(random.randint(1, 100))
print(sys.__name__, typing.__name__, enum.__name__, dataclasses.__name__, contextlib.__name__)
