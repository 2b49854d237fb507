"""Plain records for the data the running app holds: the journal, settings, timers and state.

The app's own records used to be pydantic models. pydantic costs about 10 MiB of memory
once one model is defined, and our nine models 3.5 MiB more: a quarter of the app's memory,
for checks that only matter where data comes in (the database, settings.toml, a form, an
import). A `Record` is a dataclass that makes the same checks, with the same error types
and messages, in plain Python: the constructor, `model_validate` and `model_validate_json`
check and convert every field (a date from "2026-03-14", "15" typed into a number field)
and report every problem at once in a `RecordError`; `model_copy` does not check, as in
pydantic. The method names are pydantic's so callers read the same; pydantic itself stays
for the knowledge base's validation (`tui.domain.content`), which the app runs only when its
cache is cold, and `tests/unit/test_record.py` compares the two on the same inputs.

A field's limits go in `field(...)` (ge, le, min_length, max_length, pattern, a `check`
function, `exclude` from dumps); `AwareDatetime` is a datetime that must carry an offset.
Unknown keys are refused, as with pydantic's `extra="forbid"`.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import re
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, ClassVar, Literal, Self

__all__ = ["AwareDatetime", "Record", "RecordError", "field"]


class _Aware:
    """Marker: the datetime must carry its UTC offset."""


AwareDatetime = typing.Annotated[datetime, _Aware]
"""A datetime with an offset; a naive one is refused ("Input should have timezone info")."""


class RecordError(ValueError):
    """Data that does not make a record; `errors()` lists every problem as pydantic does
    (`loc`, `msg`, `type`, and `ctx` for limits)."""

    def __init__(self, title: str, problems: list[dict[str, Any]]) -> None:
        self.title = title
        self.problems = problems
        lines = [f"{len(problems)} validation error(s) for {title}"]
        for problem in problems:
            lines.append(".".join(str(p) for p in problem["loc"]) or "(record)")
            lines.append(f"  {problem['msg']}")
        super().__init__("\n".join(lines))

    def errors(self, include_url: bool = False) -> list[dict[str, Any]]:
        """Every problem: {"loc": ("timer", "started_at"), "msg": ..., "type": ...}."""
        return [dict(problem) for problem in self.problems]

    def error_count(self) -> int:
        """How many problems."""
        return len(self.problems)

    def summary(self, count_more: bool = True) -> str:
        """The first problem in one line, with where it is and (`count_more`) how many more
        there are: "entries.2.pain_after: Input should be less than or equal to 10, and 1
        more problem(s)". Control characters in it (a key in a file may hold anything) are
        shown as escapes."""
        first = self.problems[0]
        where = ".".join(str(part) for part in first["loc"])[:80]
        more = len(self.problems) - 1 if count_more else 0
        text = (f"{where}: {first['msg']}" if where else first["msg"]) + (
            f", and {more} more problem(s)" if more else "")
        return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class _Invalid(Exception):
    """One problem with one value (internal; becomes a line of a RecordError)."""

    def __init__(self, kind: str, msg: str, ctx: dict[str, Any] | None = None) -> None:
        super().__init__(msg)
        self.kind, self.msg, self.ctx = kind, msg, ctx


class _Nested(Exception):
    """Problems inside a value (a list item, a nested record), with locations below it."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(problems)
        self.problems = problems


def field(default: Any = dataclasses.MISSING, *,
          default_factory: Callable[[], Any] | Any = dataclasses.MISSING,
          ge: float | None = None, le: float | None = None,
          min_length: int | None = None, max_length: int | None = None,
          pattern: str | None = None, check: Callable[[Any], Any] | None = None,
          exclude: bool = False) -> Any:
    """A record field with limits: ge/le for numbers, min/max_length and pattern for
    strings, `check` (raises ValueError with the reason) after those, `exclude` from dumps."""
    limits = {"ge": ge, "le": le, "min_length": min_length, "max_length": max_length,
              "pattern": pattern, "check": check, "exclude": exclude}
    return dataclasses.field(default=default, default_factory=default_factory,
                             metadata={"limits": limits})


# --- converting one value ------------------------------------------------------------

Convert = Callable[[Any], Any]
_INT = re.compile(r"^\s*[+-]?\d+\s*$")
_FLOAT = re.compile(r"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE = frozenset({"1", "on", "t", "true", "y", "yes"})
_FALSE = frozenset({"0", "off", "f", "false", "n", "no"})


def _to_str(value: Any) -> str:
    if type(value) is str:
        return value
    raise _Invalid("string_type", "Input should be a valid string")


def _to_int(value: Any) -> int:
    kind = type(value)
    if kind is int:
        return value
    if kind is float:
        if not math.isfinite(value):
            raise _Invalid("finite_number", "Input should be a finite number")
        if abs(value) >= 2**63:
            raise _Invalid("int_parsing_size",
                           "Unable to parse input string as an integer, exceeded maximum size")
        if value != int(value):
            raise _Invalid("int_from_float",
                           "Input should be a valid integer, got a number with a fractional part")
        return int(value)
    if kind is str:
        if _INT.match(value):
            return int(value)
        raise _Invalid("int_parsing",
                       "Input should be a valid integer, unable to parse string as an integer")
    raise _Invalid("int_type", "Input should be a valid integer")


def _to_float(value: Any) -> float:
    kind = type(value)
    if kind is float or kind is int:
        number = float(value)
    elif kind is str:
        if not _FLOAT.match(value):
            raise _Invalid("float_parsing",
                           "Input should be a valid number, unable to parse string as a number")
        number = float(value)
    else:
        raise _Invalid("float_type", "Input should be a valid number")
    if not math.isfinite(number):
        raise _Invalid("finite_number", "Input should be a finite number")
    return number


def _to_bool(value: Any) -> bool:
    kind = type(value)
    if kind is bool:
        return value
    if kind is int and value in (0, 1):
        return bool(value)
    if kind is str:
        folded = value.strip().lower()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        raise _Invalid("bool_parsing", "Input should be a valid boolean, unable to interpret input")
    raise _Invalid("bool_type", "Input should be a valid boolean")


def _to_date(value: Any) -> date:
    kind = type(value)
    if kind is date:
        return value
    if kind is str:
        if _DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise _Invalid("date_from_datetime_parsing", "Input should be a valid date")
    raise _Invalid("date_type", "Input should be a valid date")


def _to_datetime(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value
    if type(value) is str and len(value) >= 10 and value[4:5] == "-":
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            pass
        raise _Invalid("datetime_from_date_parsing", "Input should be a valid datetime")
    raise _Invalid("datetime_type", "Input should be a valid datetime")


def _to_aware(value: Any) -> datetime:
    when = _to_datetime(value)
    if when.tzinfo is None or when.utcoffset() is None:
        raise _Invalid("timezone_aware", "Input should have timezone info")
    return when


_SCALARS: dict[Any, Convert] = {
    str: _to_str, int: _to_int, float: _to_float, bool: _to_bool, date: _to_date,
    datetime: _to_datetime,
}


def _literal(choices: tuple[Any, ...]) -> Convert:
    allowed = frozenset(choices)
    names = [repr(c) for c in choices]
    said = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]

    def convert(value: Any) -> Any:
        if type(value) is str and value in allowed:
            return value
        raise _Invalid("literal_error", f"Input should be {said}", {"expected": said})
    return convert


def _optional(inner: Convert) -> Convert:
    def convert(value: Any) -> Any:
        return None if value is None else inner(value)
    return convert


def _items(inner: Convert) -> Convert:
    def convert(value: Any) -> list[Any]:
        if type(value) not in (list, tuple):
            raise _Invalid("list_type", "Input should be a valid list")
        out, problems = [], []
        for index, item in enumerate(value):
            try:
                out.append(inner(item))
            except _Invalid as bad:
                problems.append(_problem((index,), bad))
            except _Nested as deeper:
                problems.extend(_below((index,), deeper.problems))
        if problems:
            raise _Nested(problems)
        return out
    return convert


def _mapping(key: Convert, inner: Convert) -> Convert:
    def convert(value: Any) -> dict[Any, Any]:
        if not isinstance(value, dict):
            raise _Invalid("dict_type", "Input should be a valid dictionary")
        out, problems = {}, []
        for name, item in value.items():
            try:
                out[key(name)] = inner(item)
            except _Invalid as bad:
                problems.append(_problem((name,), bad))
            except _Nested as deeper:
                problems.extend(_below((name,), deeper.problems))
        if problems:
            raise _Nested(problems)
        return out
    return convert


def _nested(record: type[Record]) -> Convert:
    def convert(value: Any) -> Record:
        if type(value) is record:
            return value
        if not isinstance(value, dict):
            raise _Invalid("model_type", "Input should be a valid dictionary or instance of "
                           f"{record.__name__}", {"class_name": record.__name__})
        made, problems = record._checked(value)
        if problems:
            raise _Nested(problems)
        return made
    return convert


def _limited(inner: Convert, limits: dict[str, Any]) -> Convert:
    """`inner`, then the field's limits (on the value when it is not None)."""
    ge, le = limits["ge"], limits["le"]
    shortest, longest = limits["min_length"], limits["max_length"]
    pattern = re.compile(limits["pattern"]) if limits["pattern"] else None
    check = limits["check"]
    if ge is None and le is None and shortest is None and longest is None \
            and pattern is None and check is None:
        return inner

    def convert(value: Any) -> Any:
        value = inner(value)
        if value is None:
            return None
        if ge is not None and value < ge:
            raise _Invalid("greater_than_equal",
                           f"Input should be greater than or equal to {ge}", {"ge": ge})
        if le is not None and value > le:
            raise _Invalid("less_than_equal",
                           f"Input should be less than or equal to {le}", {"le": le})
        if shortest is not None and len(value) < shortest:
            unit = "character" if shortest == 1 else "characters"
            raise _Invalid("string_too_short", f"String should have at least {shortest} {unit}",
                           {"min_length": shortest})
        if longest is not None and len(value) > longest:
            unit = "character" if longest == 1 else "characters"
            raise _Invalid("string_too_long", f"String should have at most {longest} {unit}",
                           {"max_length": longest})
        if pattern is not None and not pattern.search(value):
            raise _Invalid("string_pattern_mismatch",
                           f"String should match pattern '{pattern.pattern}'",
                           {"pattern": pattern.pattern})
        if check is not None:
            try:
                value = check(value)
            except ValueError as reason:
                raise _Invalid("value_error", f"Value error, {reason}",
                               {"error": str(reason)}) from None
        return value
    return convert


def _converter(hint: Any) -> Convert:
    """The function that checks and converts a value of the annotated type."""
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        base, *marks = typing.get_args(hint)
        if base is datetime and _Aware in marks:
            return _to_aware
        return _converter(base)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"a record field may be X or X | None, not {hint}")
        return _optional(_converter(options[0]))
    if origin is Literal:
        return _literal(typing.get_args(hint))
    if origin is list:
        return _items(_converter(typing.get_args(hint)[0]))
    if origin is dict:
        key, value = typing.get_args(hint)
        return _mapping(_converter(key), _converter(value))
    if isinstance(hint, type) and issubclass(hint, Record):
        return _nested(hint)
    if hint in _SCALARS:
        return _SCALARS[hint]
    raise TypeError(f"a record field cannot be {hint!r}")


def _problem(loc: tuple[Any, ...], bad: _Invalid) -> dict[str, Any]:
    found = {"type": bad.kind, "loc": loc, "msg": bad.msg}
    if bad.ctx:
        found["ctx"] = bad.ctx
    return found


def _below(loc: tuple[Any, ...], problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**problem, "loc": loc + tuple(problem["loc"])} for problem in problems]


# --- dumping -------------------------------------------------------------------------


def _dumped(value: Any, json_mode: bool, exclude_none: bool) -> Any:
    if isinstance(value, Record):
        return value._dump(json_mode, exclude_none)
    if isinstance(value, list):
        return [_dumped(item, json_mode, exclude_none) for item in value]
    if isinstance(value, dict):
        return {key: _dumped(item, json_mode, exclude_none) for key, item in value.items()}
    if json_mode and isinstance(value, date):
        text = value.isoformat()  # a datetime in UTC ends "Z", as pydantic writes it
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return value


# --- the record ----------------------------------------------------------------------


class _Plan:
    """A record class's fields, compiled once: name, converter, default, factory, dumped."""

    def __init__(self, record: type[Record]) -> None:
        hints = typing.get_type_hints(record, include_extras=True)
        self.fields: list[tuple[str, Any, Any]] = []
        """Each field's name, default and default factory, in order."""
        self.dumped: list[str] = []
        self.convert: dict[str, Convert] = {}
        for spec in dataclasses.fields(record):
            limits = spec.metadata.get("limits") or {
                "ge": None, "le": None, "min_length": None, "max_length": None,
                "pattern": None, "check": None, "exclude": False}
            self.convert[spec.name] = _limited(_converter(hints[spec.name]), limits)
            self.fields.append((spec.name, spec.default, spec.default_factory))
            if not limits["exclude"]:
                self.dumped.append(spec.name)
        self.defaults = {name: default for name, default, _f in self.fields
                         if default is not dataclasses.MISSING}
        """Plain defaults, set in one go before the data's values go over them."""
        self.factories = [(name, factory) for name, _d, factory in self.fields
                          if factory is not dataclasses.MISSING]
        self.required = frozenset(name for name, default, factory in self.fields
                                  if default is dataclasses.MISSING
                                  and factory is dataclasses.MISSING)


class Record:
    """A checked record (see the module). Subclasses declare fields as a dataclass does."""

    VALIDATE_ASSIGNMENT: ClassVar[bool] = False
    """Check a value assigned to a field too (the settings, which a form changes)."""
    _plan: ClassVar[_Plan | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls._plan = None  # compiled on first use: building it resolves the annotations
        dataclasses.dataclass(init=False, repr=True, eq=True)(cls)

    def __init__(self, **data: Any) -> None:
        _made, problems = self._fill(self, data)
        if problems:
            raise RecordError(type(self).__name__, problems)

    @classmethod
    def _compiled(cls) -> _Plan:
        plan = cls.__dict__.get("_plan")
        if plan is None:
            plan = _Plan(cls)
            cls._plan = plan
        return plan

    @classmethod
    def _fill(cls, target: Record, data: dict[str, Any]) -> tuple[Record, list[dict[str, Any]]]:
        """Check `data` into `target`'s fields; the problems found (none: it is complete)."""
        plan = cls._compiled()
        problems: list[dict[str, Any]] = []
        values = target.__dict__
        values.update(plan.defaults)
        for name, factory in plan.factories:
            if name not in data:
                values[name] = factory()
        convert = plan.convert
        for name, value in data.items():  # a stored entry holds about half of its fields
            check = convert.get(name)
            if check is None:
                problems.append({"type": "extra_forbidden", "loc": (name,),
                                 "msg": "Extra inputs are not permitted"})
                continue
            try:
                values[name] = check(value)
            except _Invalid as bad:
                problems.append(_problem((name,), bad))
            except _Nested as deeper:
                problems.extend(_below((name,), deeper.problems))
        if not plan.required.issubset(data):
            problems.extend({"type": "missing", "loc": (name,), "msg": "Field required"}
                            for name, _d, _f in plan.fields
                            if name in plan.required and name not in data)
        return target, problems

    @classmethod
    def _checked(cls, data: dict[str, Any]) -> tuple[Record, list[dict[str, Any]]]:
        return cls._fill(cls.__new__(cls), data)

    def __setattr__(self, name: str, value: Any) -> None:
        if self.VALIDATE_ASSIGNMENT:
            convert = self._compiled().convert.get(name)
            if convert is None:
                raise AttributeError(f"{type(self).__name__} has no field {name!r}")
            try:
                value = convert(value)
            except _Invalid as bad:
                raise RecordError(type(self).__name__, [_problem((name,), bad)]) from None
            except _Nested as deeper:
                raise RecordError(type(self).__name__, _below((name,), deeper.problems)) from None
        object.__setattr__(self, name, value)

    # --- pydantic's names for what callers do with a record --------------------------

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """A record from a dict (or the record itself), every field checked."""
        if type(data) is cls:
            return data
        if not isinstance(data, dict):
            raise RecordError(cls.__name__, [{
                "type": "model_type", "loc": (),
                "msg": f"Input should be a valid dictionary or instance of {cls.__name__}"}])
        made, problems = cls._checked(data)
        if problems:
            raise RecordError(cls.__name__, problems)
        return made  # type: ignore[return-value]

    @classmethod
    def model_validate_json(cls, text: str | bytes) -> Self:
        """A record from JSON text; bad JSON is a RecordError too."""
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as error:
            raise RecordError(cls.__name__, [{"type": "json_invalid", "loc": (),
                                              "msg": f"Invalid JSON: {error}"}]) from None
        return cls.model_validate(data)

    def model_copy(self, update: dict[str, Any] | None = None) -> Self:
        """A shallow copy with some fields changed (not checked, as in pydantic)."""
        made = copy.copy(self)
        if update:
            made.__dict__.update(update)
        return made

    def _dump(self, json_mode: bool, exclude_none: bool) -> dict[str, Any]:
        out = {}
        values = self.__dict__
        for name in self._compiled().dumped:
            value = values[name]
            if value is None and exclude_none:
                continue
            out[name] = _dumped(value, json_mode, exclude_none)
        return out

    def model_dump(self, mode: Literal["python", "json"] = "python",
                   exclude_none: bool = False) -> dict[str, Any]:
        """The fields as a dict (nested records too); "json" mode writes dates as text."""
        return self._dump(mode == "json", exclude_none)

    def model_dump_json(self, exclude_none: bool = False) -> str:
        """The record as compact JSON, as pydantic writes it."""
        return json.dumps(self._dump(True, exclude_none), ensure_ascii=False,
                          separators=(",", ":"), allow_nan=False)
