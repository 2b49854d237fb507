"""`tui.domain.frozen` behaves as `dataclass(frozen=True)`: the same instances, equality,
hashing, errors, pickling and dataclass helpers, from methods shared instead of compiled."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import InitVar, dataclass, field
from typing import ClassVar

import pytest

from tui.domain.frozen import frozen


@frozen()
class Point:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReferencePoint:
    x: int
    y: int = 0
    tags: tuple[str, ...] = ()


@frozen(kw_only=True, slots=True)
class Checked:
    low: int
    high: int
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError("low > high")


def test_construction_matches_a_frozen_dataclass() -> None:
    for args, kwargs in [((1,), {}), ((1, 2), {}), ((), {"x": 1, "tags": ("a",)}),
                         ((1,), {"y": 5})]:
        ours, theirs = Point(*args, **kwargs), ReferencePoint(*args, **kwargs)
        assert dataclasses.astuple(ours) == dataclasses.astuple(theirs)
        assert repr(ours) == repr(theirs).replace("ReferencePoint", "Point")
    for args, kwargs in [((), {}), ((1, 2, (), 4), {}), ((1,), {"x": 2}), ((1,), {"z": 3})]:
        with pytest.raises(TypeError):
            ReferencePoint(*args, **kwargs)
        with pytest.raises(TypeError):
            Point(*args, **kwargs)


def test_equality_hash_and_frozenness() -> None:
    assert Point(1, 2) == Point(1, 2) and Point(1, 2) != Point(2, 1)
    assert hash(Point(1, 2, ("a",))) == hash(Point(1, 2, ("a",)))
    assert Point(1) != ReferencePoint(1)  # another class is never equal, as in dataclass
    assert {Point(1), Point(1), Point(2)} == {Point(1), Point(2)}
    point = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del point.x
    with pytest.raises(TypeError):
        hash(Checked(low=1, high=2))  # a list inside: unhashable, as in dataclass


def test_keyword_only_slots_post_init_defaults() -> None:
    with pytest.raises(TypeError):
        Checked(1, 2)  # type: ignore[misc]
    first, second = Checked(low=1, high=2), Checked(low=1, high=2)
    assert first.notes == [] and first.notes is not second.notes  # a fresh default each
    assert not hasattr(first, "__dict__")
    with pytest.raises(ValueError, match="low > high"):
        Checked(low=3, high=2)


def test_pickle_and_dataclass_helpers() -> None:
    for item in (Point(1, 2, ("a",)), Checked(low=1, high=2, notes=["n"])):
        copy = pickle.loads(pickle.dumps(item))
        assert copy == item and copy is not item
    assert [f.name for f in dataclasses.fields(Point)] == ["x", "y", "tags"]
    assert dataclasses.replace(Point(1, 2), y=7) == Point(1, 7)
    assert dataclasses.replace(Checked(low=1, high=2), high=5) == Checked(low=1, high=5)
    assert dataclasses.is_dataclass(Point(1))


def test_what_it_would_do_differently_is_refused_when_the_class_is_defined() -> None:
    """InitVar, field options, methods of its own, subclasses and a required field after a
    default would not behave as in dataclass: each is a TypeError at definition."""
    with pytest.raises(TypeError, match="InitVar"):
        @frozen()
        class WithInitVar:
            x: int
            scale: InitVar[int] = 1

    for option in ({"init": False, "default": 0}, {"repr": False}, {"compare": False},
                   {"hash": True}, {"kw_only": True}):
        with pytest.raises(TypeError, match="field options"):
            @frozen()
            class WithOption:
                x: int = field(**option)  # type: ignore[call-overload]

    with pytest.raises(TypeError, match="__repr__"):
        @frozen()
        class OwnRepr:
            x: int

            def __repr__(self) -> str:
                return "mine"

    with pytest.raises(TypeError, match="follows default"):
        @frozen()
        class Order:
            x: int = 0
            y: int  # type: ignore[misc]

    with pytest.raises(TypeError, match="no subclasses"):
        class Child(Point):
            pass

    @frozen(kw_only=True)
    class KeywordsInAnyOrder:  # kw_only: a required field may follow a default one
        x: int = 0
        y: int

    @frozen()
    class WithClassVar:
        limit: ClassVar[int] = 3
        x: int

    assert KeywordsInAnyOrder(y=1) == KeywordsInAnyOrder(x=0, y=1)
    assert [f.name for f in dataclasses.fields(WithClassVar)] == ["x"]
    assert WithClassVar(5).x == 5 and WithClassVar.limit == 3
    assert repr(WithClassVar(5)).endswith(".WithClassVar(x=5)")  # a ClassVar is no field
    assert copy.deepcopy(WithClassVar(5)) == WithClassVar(5)  # state: the fields only
    with pytest.raises(TypeError):
        WithClassVar(5, 6)
