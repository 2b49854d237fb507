"""The app's records (`tui.domain.record`) check and write data as the pydantic models they
replaced did: each record is compared with a pydantic twin built from its own fields, on
the same generated inputs, for what is accepted, the value it becomes and the JSON stored."""

from __future__ import annotations

import dataclasses
import math
import typing
from datetime import UTC, date, datetime, timedelta, timezone

import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.domain.countdown import Countdown
from tui.domain.ice import IceState
from tui.domain.journal import Entry, Episode, ImportSource, Journal, Shoe
from tui.domain.record import AwareDatetime, Record, RecordError, field
from tui.domain.routine import RoutineState
from tui.domain.settings import Settings

RECORDS = [ImportSource, Entry, Episode, Shoe, Journal, Countdown, IceState, RoutineState,
           Settings]
_TWINS: dict[type, type[pydantic.BaseModel]] = {}


def _twin_hint(hint: typing.Any) -> typing.Any:
    """The annotation with every Record in it replaced by its pydantic twin."""
    if isinstance(hint, type) and issubclass(hint, Record):
        return twin(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is typing.Annotated:
        return pydantic.AwareDatetime if hint == AwareDatetime else hint
    if origin in (typing.Union, __import__("types").UnionType):
        return typing.Union[tuple(_twin_hint(a) for a in args)]  # noqa: UP007
    if origin is list:
        return list[_twin_hint(args[0])]
    return hint


def twin(record: type[Record]) -> type[pydantic.BaseModel]:
    """A pydantic model with the record's fields, types, defaults and limits."""
    if record in _TWINS:
        return _TWINS[record]
    hints = typing.get_type_hints(record, include_extras=True)
    fields: dict[str, typing.Any] = {}
    validators = {}
    for spec in dataclasses.fields(record):
        limits = dict(spec.metadata.get("limits") or {})
        check, exclude = limits.pop("check", None), limits.pop("exclude", False)
        kwargs = {k: v for k, v in limits.items() if v is not None}
        if spec.default is not dataclasses.MISSING:
            kwargs["default"] = spec.default
        if spec.default_factory is not dataclasses.MISSING:
            kwargs["default_factory"] = spec.default_factory
        fields[spec.name] = (_twin_hint(hints[spec.name]), pydantic.Field(exclude=exclude,
                                                                          **kwargs))
        if check is not None:
            validators[f"check_{spec.name}"] = pydantic.field_validator(spec.name)(
                classmethod(lambda cls, value, check=check: check(value)))
    made = pydantic.create_model(  # type: ignore[call-overload]
        f"{record.__name__}Twin", __config__=pydantic.ConfigDict(extra="forbid"),
        __validators__=validators, **fields)
    _TWINS[record] = made
    return made


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 30), st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True), st.floats(0, 30),
    st.sampled_from([
        "", "run", "ice", "walk", "fit", "triage", "manual", "bone", "self_care", "km", "mi",
        "auto", "off", "footpain-light", "15", " 15 ", "2.5", "1e3", "-1", "x", "a" * 81,
        "true", "no", "22:00", "7:00", "23:59", "24:00", "2026-03-14", "2026-02-30",
        "2026-03-14T08:00:00Z", "2026-03-14T08:00:00+02:00", "2026-03-14T08:00:00",
        "2026-03-14T08:00:00.250000Z", "0" * 64, "f" * 63, "AB" * 32,
    ]),
    st.dates(date(2020, 1, 1), date(2030, 1, 1)),
    st.datetimes(datetime(2020, 1, 1), datetime(2030, 1, 1),
                 timezones=st.sampled_from([UTC, timezone(timedelta(hours=-5, minutes=-30))])),
    st.lists(st.sampled_from(["heel", "arch", 3, None]), max_size=3),
    st.dictionaries(st.sampled_from(["a", "b"]), st.sampled_from([1, 2.5, "x"]), max_size=2),
)
STRICTER = {"bool_type", "int_type", "float_type", "finite_number", "date_from_datetime_parsing",
            "date_type", "datetime_type"}
"""Where a record refuses what pydantic's lax mode takes: True as a number, inf or nan, a
date-time where a date belongs, a number of seconds as a date-time (the app never stores
those, and a form never sends them)."""


def inputs(record: type[Record]) -> st.SearchStrategy[dict[str, typing.Any]]:
    names = [f.name for f in dataclasses.fields(record)] + ["surplus"]
    return st.dictionaries(st.sampled_from(names), VALUES, max_size=6)


def _comparable(value: typing.Any) -> typing.Any:
    """pydantic's time zones are its own class: compare instants and offsets instead."""
    if isinstance(value, datetime):
        return (value.replace(tzinfo=None), value.utcoffset())
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    return value


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.__name__)
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_record_accepts_and_writes_what_pydantic_did(record, data) -> None:
    payload = data.draw(inputs(record))
    if record is Journal:  # its lists hold records: give it some, valid and not
        payload["entries"] = data.draw(st.lists(inputs(Entry), max_size=2))
    try:
        theirs = twin(record).model_validate(payload)
    except pydantic.ValidationError as error:
        expected = {(e["loc"], e["type"]) for e in error.errors()}
        with pytest.raises(RecordError) as caught:
            record.model_validate(payload)
        found = {(e["loc"], e["type"]) for e in caught.value.errors()}
        assert {loc for loc, _ in found} <= {loc for loc, _ in expected} | {
            loc for loc, kind in found if kind in STRICTER}
        return
    try:
        ours = record.model_validate(payload)
    except RecordError as error:  # only where we are stricter
        assert {e["type"] for e in error.errors()} <= STRICTER, error
        return
    if "id" not in payload and "id" in type(theirs).model_fields:  # each drew a random id
        ours = ours.model_copy(update={"id": theirs.id})  # type: ignore[attr-defined]
    _copy_ids(ours, theirs)
    assert _comparable(ours.model_dump()) == _comparable(theirs.model_dump())
    assert ours.model_dump(mode="json") == theirs.model_dump(mode="json")
    assert ours.model_dump_json(exclude_none=True) == theirs.model_dump_json(exclude_none=True)
    assert record.model_validate_json(ours.model_dump_json()).model_dump() == ours.model_dump()


def _copy_ids(ours: Record, theirs: pydantic.BaseModel) -> None:
    """Entries inside a journal drew their own random ids too."""
    for name in ("entries", "episodes", "shoes"):
        for mine, other in zip(getattr(ours, name, []), getattr(theirs, name, []), strict=True):
            mine.__dict__["id"] = other.id


def test_every_problem_is_reported_with_where_it_is() -> None:
    with pytest.raises(RecordError) as caught:
        Journal.model_validate({"entries": [{"date": "2026-03-14", "activity": "fly"},
                                            {"activity": "run", "pain_after": 11}],
                                "shoes": "none", "mystery": 1})
    assert {(e["loc"], e["type"]) for e in caught.value.errors()} == {
        (("entries", 0, "activity"), "literal_error"),
        (("entries", 1, "date"), "missing"),
        (("entries", 1, "pain_after"), "less_than_equal"),
        (("shoes",), "list_type"),
        (("mystery",), "extra_forbidden"),
    }
    assert caught.value.error_count() == 5


def test_bad_json_is_a_record_error() -> None:
    with pytest.raises(RecordError, match="Invalid JSON"):
        IceState.model_validate_json("{not json")
    with pytest.raises(RecordError, match="valid dictionary"):
        IceState.model_validate_json("[1, 2]")


def test_settings_check_what_is_assigned() -> None:
    settings = Settings()
    settings.ice_minutes = "12"  # type: ignore[assignment]  # a form's text
    assert settings.ice_minutes == 12
    with pytest.raises(RecordError, match="less than or equal to 20"):
        settings.ice_minutes = 25
    with pytest.raises(RecordError, match="HH:MM"):
        settings.quiet_start = "25:00"
    assert settings.ice_minutes == 12 and settings.quiet_start == "22:00"


def test_a_copy_is_not_checked_and_shares_nothing_it_changes() -> None:
    entry = Entry(date=date(2026, 3, 14), activity="run", regions=["heel"])
    moved = entry.model_copy(update={"pain_after": 4})
    assert moved.pain_after == 4 and entry.pain_after is None and moved.id == entry.id
    assert moved != entry and entry.model_copy() == entry


def test_a_record_type_it_cannot_check_is_refused_when_first_used() -> None:
    class Odd(Record):
        when: complex = field(default=0j)

    with pytest.raises(TypeError, match="cannot be"):
        Odd()


def test_a_utc_instant_is_written_as_pydantic_wrote_it() -> None:
    """The journal's SQL finds imported runs by their `started_at` text: it must not change."""
    start = datetime(2026, 3, 14, 8, 0, tzinfo=UTC)
    entry = Entry(date=start.date(), activity="run", started_at=start,
                  ended_at=start + timedelta(microseconds=250000))
    dumped = entry.model_dump(mode="json")
    assert dumped["started_at"] == "2026-03-14T08:00:00Z"
    assert dumped["ended_at"] == "2026-03-14T08:00:00.250000Z"
    assert not math.isnan(entry.model_dump()["distance_km"] or 0.0)
