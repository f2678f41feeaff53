# SPDX-License-Identifier: GPL-3.0-or-later
"""enum: Enum, IntEnum, StrEnum, Flag, IntFlag, auto and unique.

There are no metaclasses here: __init_subclass__ turns the class attributes
of each new enum into members, and the class-level behaviour (iterating the
class, Color(1), Color['RED'], len(Color), `x in Color`, repr(Color)) comes
from the classmethods __class_iter__, __class_call__, __class_getitem__,
__class_len__, __class_contains__ and __class_repr__, which the VM consults
when the class object itself is iterated, called, subscripted, measured,
searched or printed."""

from _lsutil import class_dict, base_of, new_instance, set_raw

__all__ = ["Enum", "IntEnum", "StrEnum", "Flag", "IntFlag", "auto", "unique", "EnumMeta",
           "EnumType", "ReprEnum", "nonmember", "member", "verify"]

_builtin_type = type

# the classes of this module: member creation and lookups stop at them
_ENUM_BASES = []


class auto:
    """Placeholder for a value computed by _generate_next_value_."""
    _counter = 0

    def __init__(self):
        self.value = None

    def __repr__(self):
        return "auto(%r)" % (self.value,)


class nonmember:
    def __init__(self, value):
        self.value = value


class member:
    def __init__(self, value):
        self.value = value


def _is_descriptor_like(value):
    return (callable(value) or isinstance(value, (staticmethod, classmethod, property))
            or hasattr(type(value), "__get__"))


def _own_init(cls):
    """The __init__ members run: one defined below Enum, or None.

    It is moved out of the class dict into _member_init_, so that looking a
    member up by calling the class (Color(1), through Enum.__new__) does not
    run it again."""
    ns = class_dict(cls)
    if "__init__" in ns:
        ns["_member_init_"] = ns.pop("__init__")
    c = cls
    while c is not None and c not in _ENUM_BASES:
        init = class_dict(c).get("_member_init_")
        if init is not None:
            return init
        c = base_of(c)
    return None


class Enum:
    """Base class of enumerations."""

    @classmethod
    def __init_subclass__(cls, **kwds):
        members = {}
        names = []
        value_map = {}
        last_values = []
        ns = class_dict(cls)
        init = _own_init(cls)
        for name, value in list(ns.items()):
            if name.startswith("_") and not isinstance(value, member):
                continue
            if isinstance(value, nonmember):
                setattr(cls, name, value.value)
                continue
            if isinstance(value, member):
                value = value.value
            elif _is_descriptor_like(value) and not isinstance(value, auto):
                continue
            if isinstance(value, auto):
                value = cls._generate_next_value_(name, 1, len(names), last_values[:])
            existing = _find_value(value_map, members, value)
            if existing is not None:
                # an alias: same member under another name
                members[name] = existing
                setattr(cls, name, existing)
                continue
            m = new_instance(cls)
            set_raw(m, "_name_", name)
            set_raw(m, "_value_", value)
            set_raw(m, "_sort_order_", len(names))
            if init is not None:
                args = value if isinstance(value, tuple) else (value,)
                init(m, *args)
            members[name] = m
            names.append(name)
            last_values.append(value)
            try:
                value_map[value] = m
            except TypeError:
                pass
            setattr(cls, name, m)
        cls._member_map_ = members
        cls._member_names_ = names
        cls._value2member_map_ = value_map
        cls.__members__ = dict(members)

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for last in reversed(last_values):
            try:
                return last + 1
            except TypeError:
                pass
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    def __new__(cls, value, *args, **kwds):
        return cls.__class_call__(value, *args, **kwds)

    @classmethod
    def __class_call__(cls, value, *args, **kwds):
        if args or kwds or cls in _ENUM_BASES:
            return _functional(cls, value, *args, **kwds)
        if isinstance(value, cls):
            return value
        found = _find_value(cls._value2member_map_, cls._member_map_, value)
        if found is not None:
            return found
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is not None:
            raise TypeError(f"error in {cls.__name__}._missing_: returned {result!r} instead "
                            f"of None or a valid member")
        raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")

    @classmethod
    def __class_getitem__(cls, name):
        return cls._member_map_[name]

    @classmethod
    def __class_iter__(cls):
        return iter([cls._member_map_[n] for n in cls._member_names_])

    @classmethod
    def __class_reversed__(cls):
        return iter([cls._member_map_[n] for n in reversed(cls._member_names_)])

    @classmethod
    def __class_len__(cls):
        return len(cls._member_names_)

    @classmethod
    def __class_contains__(cls, value):
        if isinstance(value, cls):
            return value._name_ in cls._member_map_
        raise TypeError(f"unsupported operand type(s) for 'in': '{type(value).__qualname__}' "
                        f"and 'EnumType'")

    @classmethod
    def __class_bool__(cls):
        return True

    @classmethod
    def __class_repr__(cls):
        return f"<enum {cls.__name__!r}>"

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return f"<{self.__class__.__name__}.{self._name_}: {self._value_!r}>"

    def __str__(self):
        return f"{self.__class__.__name__}.{self._name_}"

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __dir__(self):
        return ["__class__", "__doc__", "__module__", "name", "value"]


_ENUM_BASES.append(Enum)


class ReprEnum(Enum):
    """Members keep the str() and format() of their value type."""


def _v(x):
    return x._value_ if isinstance(x, Enum) else x


class IntEnum(ReprEnum):
    """Members compare and compute like their int values."""

    def __str__(self):
        return str(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    def __int__(self):
        return self._value_

    def __index__(self):
        return self._value_

    def __float__(self):
        return float(self._value_)

    def __bool__(self):
        return bool(self._value_)

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        return self._value_ == _v(other)

    def __ne__(self, other):
        return self._value_ != _v(other)

    def __lt__(self, other):
        return self._value_ < _v(other)

    def __le__(self, other):
        return self._value_ <= _v(other)

    def __gt__(self, other):
        return self._value_ > _v(other)

    def __ge__(self, other):
        return self._value_ >= _v(other)

    def __add__(self, other):
        return self._value_ + _v(other)

    def __radd__(self, other):
        return _v(other) + self._value_

    def __sub__(self, other):
        return self._value_ - _v(other)

    def __rsub__(self, other):
        return _v(other) - self._value_

    def __mul__(self, other):
        return self._value_ * _v(other)

    def __rmul__(self, other):
        return _v(other) * self._value_

    def __truediv__(self, other):
        return self._value_ / _v(other)

    def __rtruediv__(self, other):
        return _v(other) / self._value_

    def __floordiv__(self, other):
        return self._value_ // _v(other)

    def __rfloordiv__(self, other):
        return _v(other) // self._value_

    def __mod__(self, other):
        return self._value_ % _v(other)

    def __rmod__(self, other):
        return _v(other) % self._value_

    def __pow__(self, other):
        return self._value_ ** _v(other)

    def __rpow__(self, other):
        return _v(other) ** self._value_

    def __and__(self, other):
        return self._value_ & _v(other)

    def __rand__(self, other):
        return _v(other) & self._value_

    def __or__(self, other):
        return self._value_ | _v(other)

    def __ror__(self, other):
        return _v(other) | self._value_

    def __xor__(self, other):
        return self._value_ ^ _v(other)

    def __rxor__(self, other):
        return _v(other) ^ self._value_

    def __lshift__(self, other):
        return self._value_ << _v(other)

    def __rshift__(self, other):
        return self._value_ >> _v(other)

    def __neg__(self):
        return -self._value_

    def __pos__(self):
        return +self._value_

    def __abs__(self):
        return abs(self._value_)

    def __invert__(self):
        return ~self._value_

    def __round__(self, ndigits=None):
        return round(self._value_, ndigits)


class StrEnum(ReprEnum):
    """Members are their string values for str(), format() and comparisons."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()

    def __str__(self):
        return self._value_

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        return self._value_ == _v(other)

    def __ne__(self, other):
        return self._value_ != _v(other)

    def __lt__(self, other):
        return self._value_ < _v(other)

    def __le__(self, other):
        return self._value_ <= _v(other)

    def __gt__(self, other):
        return self._value_ > _v(other)

    def __ge__(self, other):
        return self._value_ >= _v(other)

    def __add__(self, other):
        return self._value_ + _v(other)

    def __radd__(self, other):
        return _v(other) + self._value_

    def __len__(self):
        return len(self._value_)

    def __contains__(self, item):
        return _v(item) in self._value_

    def __getattr__(self, name):
        return getattr(self._value_, name)


class Flag(Enum):
    """Members combine with | & ^ ~ into composite values."""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return 1
        high = max(last_values)
        bit = 1
        while bit <= high:
            bit <<= 1
        return bit

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            return None
        all_bits = 0
        for m in cls._member_map_.values():
            all_bits |= m._value_
        if value & ~all_bits:
            return None
        pseudo = new_instance(cls)
        set_raw(pseudo, "_value_", value)
        names = [n for n in cls._member_names_
                 if cls._member_map_[n]._value_ and
                 (cls._member_map_[n]._value_ & value) == cls._member_map_[n]._value_]
        set_raw(pseudo, "_name_", "|".join(names) if names else None)
        cls._value2member_map_[value] = pseudo
        return pseudo

    def __repr__(self):
        name = self._name_ if self._name_ is not None else str(self._value_)
        return f"<{self.__class__.__name__}.{name}: {self._value_!r}>"

    def __str__(self):
        if self._name_ is None:
            return f"{self.__class__.__name__}({self._value_!r})"
        return f"{self.__class__.__name__}.{self._name_}"

    def __hash__(self):
        return hash(self._value_)

    def __eq__(self, other):
        if isinstance(other, Flag):
            return self._value_ == other._value_
        return NotImplemented

    def __bool__(self):
        return bool(self._value_)

    def __contains__(self, other):
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        for n in self.__class__._member_names_:
            m = self.__class__._member_map_[n]
            if m._value_ and m._value_ & self._value_ == m._value_:
                yield m

    def __len__(self):
        return len(list(iter(self)))

    def __or__(self, other):
        return self.__class__(self._value_ | _v(other))

    def __and__(self, other):
        return self.__class__(self._value_ & _v(other))

    def __xor__(self, other):
        return self.__class__(self._value_ ^ _v(other))

    def __invert__(self):
        all_bits = 0
        for m in self.__class__._member_map_.values():
            all_bits |= m._value_
        return self.__class__(all_bits & ~self._value_)


class IntFlag(Flag):
    def __str__(self):
        return str(self._value_)

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    def __int__(self):
        return self._value_

    def __index__(self):
        return self._value_


_ENUM_BASES.extend([ReprEnum, IntEnum, StrEnum, Flag, IntFlag])


def _find_value(value_map, members, value):
    try:
        if value in value_map:
            return value_map[value]
    except TypeError:
        pass
    for m in members.values():
        if m._value_ == value:
            return m
    return None


def _functional(cls, value, names=None, *, module=None, qualname=None, type=None, start=1,
                boundary=None):
    """Enum('Color', 'RED GREEN') and friends build a new enum class."""
    if names is None:
        raise TypeError(f"{cls.__name__}() missing required argument 'value'")
    if isinstance(names, str):
        names = names.replace(",", " ").split()
    if isinstance(names, dict):
        items = list(names.items())
    else:
        names = list(names)
        if names and isinstance(names[0], str):
            items = [(n, start + i) for i, n in enumerate(names)]
        else:
            items = [tuple(item) for item in names]
    ns = {}
    for n, v in items:
        ns[n] = v
    ns["__qualname__"] = qualname or value
    ns["__module__"] = module or "__main__"
    return _builtin_type(value, (cls,), ns)


def unique(enumeration):
    duplicates = []
    for name, m in enumeration.__members__.items():
        if name != m._name_:
            duplicates.append((name, m._name_))
    if duplicates:
        alias_details = ", ".join(f"{alias} -> {name}" for alias, name in duplicates)
        raise ValueError(f"duplicate values found in {enumeration!r}: {alias_details}")
    return enumeration


def verify(*checks):
    def decorator(enumeration):
        return enumeration
    return decorator


EnumType = type
EnumMeta = type
