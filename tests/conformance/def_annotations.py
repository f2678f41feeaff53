# Parameter and return annotations are accepted and ignored.
from typing import List, Dict, Optional

def mean(values: List[float]) -> float:
    return sum(values) / len(values)

def lookup(table: Dict[str, int], key: str, default: Optional[int] = None) -> Optional[int]:
    return table.get(key, default)

def nothing() -> None:
    pass

print(mean([1.0, 2.0, 4.5]))
print(lookup({"a": 1}, "a"), lookup({"a": 1}, "b"), lookup({}, "z", 0))
print(nothing())

def weird(x: "any string works", *args: int, flag: bool = True, **kw: str) -> "also":
    return x, args, flag, kw

print(weird(1, 2, 3, flag=False, k="v"))
