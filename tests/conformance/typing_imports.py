# typing names import fine; annotations using them are ignored.
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Set, Tuple, Union
import typing

def apply(fn: Callable[[int], int], values: Iterable[int]) -> List[int]:
    return [fn(v) for v in values]

def first(pairs: List[Tuple[str, int]]) -> Optional[str]:
    return pairs[0][0] if pairs else None

def merge(a: Dict[str, Any], b: Dict[str, Any]) -> Dict[str, Any]:
    out: Dict[str, Any] = dict(a)
    out.update(b)
    return out

def numbers(n: int) -> Iterator[int]:
    for i in range(n):
        yield i

def normalize(x: Union[int, str]) -> int:
    return int(x)

print(apply(lambda v: v * 3, [1, 2, 3]))
print(first([("a", 1)]), first([]))
print(merge({"x": 1}, {"y": [2]}))
print(normalize("42") + normalize(8), list(numbers(3)))
unique: Set[int] = {1, 2}
print(sorted(unique), typing.Optional is Optional)
