# SPDX-License-Identifier: GPL-3.0-or-later
"""abc: ABC and abstractmethod. Without metaclasses, ABC computes the
abstract methods of each subclass in __init_subclass__ and refuses to
instantiate a class that still has some, with CPython 3.11's message."""

from _lsutil import class_dict, base_of, new_instance

__all__ = ["ABC", "ABCMeta", "abstractmethod", "abstractclassmethod", "abstractstaticmethod",
           "abstractproperty"]


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


def _is_abstract(value):
    if isinstance(value, (classmethod, staticmethod)):
        value = value.__func__
    elif isinstance(value, property):
        value = value.fget
    return getattr(value, "__isabstractmethod__", False)


class ABC:
    __abstractmethods__ = frozenset()

    @classmethod
    def __init_subclass__(cls, **kwargs):
        abstracts = set()
        for name, value in class_dict(cls).items():
            if _is_abstract(value):
                abstracts.add(name)
        base = base_of(cls)
        while base is not None:
            for name in class_dict(base).get("__abstractmethods__", ()):
                if _is_abstract(getattr(cls, name, None)):
                    abstracts.add(name)
            base = base_of(base)
        cls.__abstractmethods__ = frozenset(abstracts)

    def __new__(cls, *args, **kwargs):
        if cls.__abstractmethods__:
            names = sorted(cls.__abstractmethods__)
            raise TypeError(f"Can't instantiate abstract class {cls.__name__} with abstract "
                            f"method{'s' if len(names) > 1 else ''} {', '.join(names)}")
        return new_instance(cls)


ABCMeta = type


class abstractclassmethod(classmethod):
    __isabstractmethod__ = True


class abstractstaticmethod(staticmethod):
    __isabstractmethod__ = True


class abstractproperty(property):
    __isabstractmethod__ = True
