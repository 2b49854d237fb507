"""`frozen`: a frozen dataclass whose methods are shared instead of generated.

`dataclass(frozen=True)` writes six methods for each class (`__init__`, `__repr__`, `__eq__`,
`__hash__`, `__setattr__`, `__delattr__`) as Python source and compiles them when the class
is defined: about 1.5 ms a class on the machines footpain runs on, and the code stays in
memory for the session. The sixteen content classes alone took 24 ms of every start-up
(issue 16). Classes made with `frozen` are still dataclasses (`fields`, `replace`, pydantic's
validation all work) and behave as `dataclass(frozen=True)`'s do, but use the methods below,
written once. Their constructor loops over the fields instead of running straight-line
code, about 2.4 µs against 1.1 µs for four fields: use `dataclass` for a class built in bulk.

Only what these classes need is supported, and anything else is refused when the class is
defined rather than behaving differently: no `InitVar`, no per-field `init`, `repr`,
`compare`, `hash` or `kw_only` options, no methods of its own among the shared ones, no
subclasses. A ClassVar is not a field, as in dataclass. The pickled state is the fields.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, InitVar, dataclass
from dataclasses import fields as dataclass_fields
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T", bound=type)


@dataclass_transform(frozen_default=True)
def frozen(*, kw_only: bool = False, slots: bool = False) -> Callable[[T], T]:
    """Decorate a class as `dataclass(frozen=True, kw_only=..., slots=...)` would."""

    def make(cls: T) -> T:
        own = [name for name in _Shared.NAMES if name in vars(cls)]
        if own:
            raise TypeError(f"{cls.__name__}: @frozen() gives {', '.join(own)} itself")
        for name in _Shared.NAMES:
            setattr(cls, name, vars(_Shared)[name])
        cls.__init_subclass__ = classmethod(_no_subclass)  # type: ignore[attr-defined]
        made = dataclass(init=False, repr=False, eq=False, kw_only=kw_only, slots=slots)(cls)
        _check(made, kw_only)
        fields = {spec.name: spec for spec in dataclass_fields(made)}
        made.__frozen_kw_only__ = kw_only  # type: ignore[attr-defined]
        made.__frozen_fields__ = tuple(  # type: ignore[attr-defined]
            (name, spec.default, spec.default_factory) for name, spec in fields.items())
        getter = attrgetter(*fields) if fields else (lambda _item: ())
        made.__frozen_values__ = staticmethod(  # type: ignore[attr-defined]
            getter if len(fields) != 1 else (lambda item: (getter(item),)))
        return made

    return make


def _check(cls: type, kw_only: bool) -> None:
    """Refuse what `_Shared` would not do as dataclass does (see the module's docstring)."""
    for name, spec in cls.__dataclass_fields__.items():  # type: ignore[attr-defined]
        if isinstance(spec.type, InitVar) or "InitVar" in str(spec.type):
            raise TypeError(f"{cls.__name__}.{name}: @frozen() takes no InitVar")
    seen_default = False
    for spec in dataclass_fields(cls):
        if not (spec.init and spec.repr and spec.compare and spec.hash is None
                and spec.kw_only in (kw_only, MISSING)):
            raise TypeError(f"{cls.__name__}.{spec.name}: @frozen() takes no field options "
                            "but a default")
        has_default = spec.default is not MISSING or spec.default_factory is not MISSING
        if seen_default and not has_default and not kw_only:
            raise TypeError(f"{cls.__name__}: non-default argument {spec.name!r} follows "
                            "default argument")
        seen_default = seen_default or has_default


def _no_subclass(cls: type, **_kwargs: Any) -> None:
    raise TypeError(f"{cls.__mro__[1].__name__} is made by @frozen(), which takes no subclasses")


class _Shared:
    """The methods `frozen` gives each class."""

    NAMES = ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__",
             "__getstate__", "__setstate__")
    __dataclass_fields__: dict[str, Field[Any]]
    __frozen_kw_only__: bool
    __frozen_fields__: tuple[tuple[str, Any, Any], ...]
    """Each field's name, default and default factory (MISSING if none)."""
    __frozen_values__: Callable[[Any], tuple[Any, ...]]
    """An instance's field values, in order."""

    def __init__(self, *args: Any, **values: Any) -> None:
        fields = self.__frozen_fields__
        if args:
            most = 0 if self.__frozen_kw_only__ else len(fields)
            if len(args) > most:
                raise TypeError(f"{type(self).__name__}() takes {most} positional arguments "
                                f"but {len(args)} were given")
            for (name, _default, _factory), value in zip(fields, args, strict=False):
                if name in values:
                    raise TypeError(f"{type(self).__name__}() got multiple values for {name!r}")
                values[name] = value
        put = object.__setattr__
        for name, default, factory in fields:
            if name in values:
                put(self, name, values.pop(name))
            elif default is not MISSING:
                put(self, name, default)
            elif factory is not MISSING:
                put(self, name, factory())
            else:
                raise TypeError(f"{type(self).__name__}() missing argument {name!r}")
        if values:
            raise TypeError(f"{type(self).__name__}() got an unexpected keyword argument "
                            f"{next(iter(values))!r}")
        post_init = getattr(self, "__post_init__", None)
        if post_init is not None:
            post_init()

    def __repr__(self) -> str:
        names = [name for name, _default, _factory in self.__frozen_fields__]
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__qualname__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.__frozen_values__(self) == self.__frozen_values__(other)

    def __hash__(self) -> int:
        return hash(self.__frozen_values__(self))

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> tuple[Any, ...]:
        return self.__frozen_values__(self)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for (name, _default, _factory), value in zip(self.__frozen_fields__, state, strict=True):
            object.__setattr__(self, name, value)

