# SPDX-License-Identifier: GPL-3.0-or-later
"""dataclasses: @dataclass reads the class's __annotations__ (the annotation
source texts, in definition order) and adds __init__, __repr__, __eq__, the
ordering methods, __hash__ and frozen __setattr__ as closures, with the error
messages CPython 3.11 gives."""

from _lsutil import class_dict, base_of, set_raw, del_raw, set_qualname
import copy as _copy

__all__ = ["dataclass", "field", "Field", "FrozenInstanceError", "InitVar", "KW_ONLY",
           "MISSING", "fields", "asdict", "astuple", "make_dataclass", "replace",
           "is_dataclass"]


class FrozenInstanceError(AttributeError):
    pass


class _MISSING_TYPE:
    pass


MISSING = _MISSING_TYPE()


class _KW_ONLY_TYPE:
    pass


KW_ONLY = _KW_ONLY_TYPE()


class InitVar:
    def __init__(self, type):
        self.type = type

    @classmethod
    def __class_getitem__(cls, type):
        return InitVar(type)


_FIELD = "_FIELD"
_FIELD_CLASSVAR = "_FIELD_CLASSVAR"
_FIELD_INITVAR = "_FIELD_INITVAR"


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return ("Field("
                f"name={self.name!r},"
                f"type={self.type!r},"
                f"default={self.default!r},"
                f"default_factory={self.default_factory!r},"
                f"init={self.init!r},"
                f"repr={self.repr!r},"
                f"hash={self.hash!r},"
                f"compare={self.compare!r},"
                f"metadata={self.metadata!r},"
                f"kw_only={self.kw_only!r},"
                f"_field_type={self._field_type})")


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _annotation_kind(text):
    """Classifies an annotation's source text: ClassVar, InitVar, KW_ONLY or a field."""
    if not isinstance(text, str):
        if text is KW_ONLY:
            return "kw_only"
        if isinstance(text, InitVar):
            return _FIELD_INITVAR
        return _FIELD
    t = text.strip().strip("'\"")
    for prefix in ("typing.", "t.", "dataclasses."):
        if t.startswith(prefix):
            t = t[len(prefix):]
    if t == "ClassVar" or t.startswith("ClassVar["):
        return _FIELD_CLASSVAR
    if t == "InitVar" or t.startswith("InitVar["):
        return _FIELD_INITVAR
    if t == "KW_ONLY":
        return "kw_only"
    return _FIELD


def _get_field(cls_dict, name, type_text, kind, kw_only):
    default = cls_dict.get(name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = name
    f.type = type_text
    f._field_type = kind
    if kind == _FIELD_CLASSVAR or kind == _FIELD_INITVAR:
        if f.default_factory is not MISSING:
            raise TypeError(f"field {name} cannot have a default factory")
    if kind == _FIELD or kind == _FIELD_INITVAR:
        if f.kw_only is MISSING:
            f.kw_only = kw_only
    else:
        f.kw_only = False
    if kind == _FIELD and isinstance(f.default, (list, dict, set)):
        raise ValueError(f"mutable default {type(f.default)} for field {name} is not "
                         "allowed: use default_factory")
    return f


def _names_text(names):
    quoted = [f"'{n}'" for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return quoted[0] + " and " + quoted[1]
    return ", ".join(quoted[:-1]) + ", and " + quoted[-1]


def _make_init(qualname, std_fields, has_post_init, frozen):
    """The generated __init__: binds arguments like a def with this signature would."""
    params = [f for f in std_fields if f.init]
    positional = [f for f in params if not f.kw_only]
    kwonly = [f for f in params if f.kw_only]
    by_name = {f.name: f for f in params}
    n_defaults = len([f for f in positional
                      if f.default is not MISSING or f.default_factory is not MISSING])
    initvars = [f.name for f in std_fields if f._field_type == _FIELD_INITVAR]
    setter = set_raw if frozen else setattr
    fname = qualname + ".__init__"

    def too_many(given, kw_given):
        total = len(positional) + 1
        if n_defaults:
            sig = f"from {total - n_defaults} to {total}"
            plural = "s"
        else:
            sig = str(total)
            plural = "" if total == 1 else "s"
        if kw_given:
            given_text = (f"{given + 1} positional argument{'' if given + 1 == 1 else 's'} "
                          f"(and {kw_given} keyword-only argument{'' if kw_given == 1 else 's'})")
            verb = "were"
        else:
            given_text = str(given + 1)
            verb = "was" if given + 1 == 1 else "were"
        raise TypeError(f"{fname}() takes {sig} positional argument{plural} but "
                        f"{given_text} {verb} given")

    def __init__(self, *args, **kwargs):
        if len(args) > len(positional):
            too_many(len(args), len([k for k in kwargs if k in by_name and by_name[k].kw_only]))
        values = {}
        for f, a in zip(positional, args):
            values[f.name] = a
        for k, v in kwargs.items():
            if k not in by_name:
                raise TypeError(f"{fname}() got an unexpected keyword argument '{k}'")
            if k in values:
                raise TypeError(f"{fname}() got multiple values for argument '{k}'")
            values[k] = v
        for group, what in ((positional, "positional"), (kwonly, "keyword-only")):
            missing = [f.name for f in group if f.name not in values
                       and f.default is MISSING and f.default_factory is MISSING]
            if missing:
                raise TypeError(f"{fname}() missing {len(missing)} required {what} "
                                f"argument{'' if len(missing) == 1 else 's'}: "
                                f"{_names_text(missing)}")
        for f in std_fields:
            if f._field_type != _FIELD:
                continue
            if f.init and f.name in values:
                value = values[f.name]
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            elif f.default is not MISSING:
                value = f.default
            else:
                continue
            setter(self, f.name, value)
        if has_post_init:
            iv = []
            for name in initvars:
                if name in values:
                    iv.append(values[name])
                else:
                    iv.append(by_name[name].default)
            self.__post_init__(*iv)

    __init__.__qualname__ = fname
    set_qualname(__init__, fname)
    return __init__


_repr_running = set()


def _make_repr(fields_):
    names = [f.name for f in fields_ if f.repr]

    def __repr__(self):
        key = id(self)
        if key in _repr_running:
            return "..."
        _repr_running.add(key)
        try:
            parts = [f"{name}={getattr(self, name)!r}" for name in names]
        finally:
            _repr_running.discard(key)
        return f"{self.__class__.__qualname__}({', '.join(parts)})"
    return __repr__


def _make_compare(op, names):
    def values(obj):
        return tuple([getattr(obj, n) for n in names])

    if op == "__eq__":
        def method(self, other):
            if other.__class__ is self.__class__:
                return values(self) == values(other)
            return NotImplemented
    elif op == "__lt__":
        def method(self, other):
            if other.__class__ is self.__class__:
                return values(self) < values(other)
            return NotImplemented
    elif op == "__le__":
        def method(self, other):
            if other.__class__ is self.__class__:
                return values(self) <= values(other)
            return NotImplemented
    elif op == "__gt__":
        def method(self, other):
            if other.__class__ is self.__class__:
                return values(self) > values(other)
            return NotImplemented
    else:
        def method(self, other):
            if other.__class__ is self.__class__:
                return values(self) >= values(other)
            return NotImplemented
    method.__name__ = op
    return method


def _make_hash(names):
    def __hash__(self):
        return hash(tuple([getattr(self, n) for n in names]))
    return __hash__


def _make_frozen_setattr(cls, names):
    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        set_raw(self, name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        del_raw(self, name)
    return __setattr__, __delattr__


def _set_new_attribute(cls_dict, cls, name, value):
    if name in cls_dict:
        return True
    value.__qualname__ = f"{cls.__qualname__}.{name}"
    setattr(cls, name, value)
    return False


def _collect_fields(cls, kw_only):
    all_fields = {}
    base = base_of(cls)
    chain = []
    while base is not None:
        chain.append(base)
        base = base_of(base)
    for b in reversed(chain):
        base_fields = class_dict(b).get("__dataclass_fields__")
        if base_fields:
            for f in base_fields.values():
                all_fields[f.name] = f
    cls_dict = class_dict(cls)
    annotations = cls_dict.get("__annotations__", {})
    own = []
    for name, text in annotations.items():
        kind = _annotation_kind(text)
        if kind == "kw_only":
            kw_only = True
            continue
        f = _get_field(cls_dict, name, text, kind, kw_only)
        own.append(f)
    for f in own:
        all_fields[f.name] = f
        # the class attribute becomes the plain default, or goes away
        if isinstance(cls_dict.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    for name, value in cls_dict.items():
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    return all_fields


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only, slots):
    all_fields = _collect_fields(cls, kw_only)
    cls_dict = class_dict(cls)
    std_fields = [f for f in all_fields.values() if f._field_type in (_FIELD, _FIELD_INITVAR)]
    real_fields = [f for f in all_fields.values() if f._field_type == _FIELD]

    seen_default = False
    for f in std_fields:
        if f.init and not f.kw_only:
            if f.default is not MISSING or f.default_factory is not MISSING:
                seen_default = True
            elif seen_default:
                raise TypeError(f"non-default argument {f.name!r} follows default argument")

    cls.__dataclass_fields__ = all_fields
    cls.__dataclass_params__ = {"init": init, "repr": repr, "eq": eq, "order": order,
                                "unsafe_hash": unsafe_hash, "frozen": frozen}
    qualname = cls.__qualname__
    if init:
        # keyword-only fields come after the others in the signature
        ordered = [f for f in std_fields if not f.kw_only] + [f for f in std_fields if f.kw_only]
        has_post_init = hasattr(cls, "__post_init__")
        _set_new_attribute(cls_dict, cls, "__init__",
                           _make_init(qualname, ordered, has_post_init, frozen))
    if repr:
        _set_new_attribute(cls_dict, cls, "__repr__", _make_repr(real_fields))
    compare_names = [f.name for f in real_fields if f.compare]
    if eq:
        _set_new_attribute(cls_dict, cls, "__eq__", _make_compare("__eq__", compare_names))
    if order:
        if not eq:
            raise ValueError("eq must be true if order is true")
        for op in ("__lt__", "__le__", "__gt__", "__ge__"):
            if _set_new_attribute(cls_dict, cls, op, _make_compare(op, compare_names)):
                raise TypeError(f"Cannot overwrite attribute {op} in class {cls.__name__}. "
                                "Consider using functools.total_ordering")
    if frozen:
        setter, deleter = _make_frozen_setattr(cls, [f.name for f in real_fields])
        for name, fn in (("__setattr__", setter), ("__delattr__", deleter)):
            if _set_new_attribute(cls_dict, cls, name, fn):
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
    has_explicit_hash = "__hash__" in cls_dict and cls_dict["__hash__"] is not None
    hash_names = [f.name for f in real_fields if (f.compare if f.hash is None else f.hash)]
    if unsafe_hash:
        if has_explicit_hash:
            raise TypeError(f"Cannot overwrite attribute __hash__ in class {cls.__name__}")
        cls.__hash__ = _make_hash(hash_names)
    elif eq and frozen:
        if not has_explicit_hash:
            cls.__hash__ = _make_hash(hash_names)
    elif eq and not has_explicit_hash:
        cls.__hash__ = None
    if match_args and "__match_args__" not in cls_dict:
        cls.__match_args__ = tuple(f.name for f in std_fields if f.init and not f.kw_only)
    return cls


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False, weakref_slot=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, match_args,
                              kw_only, slots)
    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    try:
        fs = getattr(class_or_instance, "__dataclass_fields__")
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance") from None
    return tuple(f for f in fs.values() if f._field_type == _FIELD)


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, "__dataclass_fields__")


def _is_dataclass_instance(obj):
    return hasattr(type(obj), "__dataclass_fields__")


def asdict(obj, *, dict_factory=dict):
    if not _is_dataclass_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    return _asdict_inner(obj, dict_factory)


def _asdict_inner(obj, dict_factory):
    if _is_dataclass_instance(obj):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory))
                             for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_asdict_inner(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_asdict_inner(k, dict_factory), _asdict_inner(v, dict_factory))
                         for k, v in obj.items())
    return _copy.deepcopy(obj)


def astuple(obj, *, tuple_factory=tuple):
    if not _is_dataclass_instance(obj):
        raise TypeError("astuple() should be called on dataclass instances")
    return _astuple_inner(obj, tuple_factory)


def _astuple_inner(obj, tuple_factory):
    if _is_dataclass_instance(obj):
        return tuple_factory([_astuple_inner(getattr(obj, f.name), tuple_factory)
                              for f in fields(obj)])
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[_astuple_inner(v, tuple_factory) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_astuple_inner(v, tuple_factory) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_astuple_inner(k, tuple_factory), _astuple_inner(v, tuple_factory))
                         for k, v in obj.items())
    return _copy.deepcopy(obj)


def replace(obj, **changes):
    if not _is_dataclass_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in getattr(obj, "__dataclass_fields__").values():
        if f._field_type == _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f"field {f.name} is declared with init=False, it cannot be "
                                 "specified with replace()")
            continue
        if f.name not in changes:
            if f._field_type == _FIELD_INITVAR and f.default is MISSING:
                raise ValueError(f"InitVar {f.name!r} must be specified with replace()")
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **kwargs):
    ns = dict(namespace or {})
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            name, tp = item, "typing.Any"
        elif len(item) == 2:
            name, tp = item
        else:
            name, tp, spec = item
            ns[name] = spec
        annotations[name] = tp
    ns["__annotations__"] = annotations
    cls = type(cls_name, bases or (object,), ns)
    return dataclass(cls, **kwargs)
