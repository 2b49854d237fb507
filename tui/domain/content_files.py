"""What only validating the content needs: its constrained types and one class per file.

Importing this module defines the constrained types that the annotations in
`tui.domain.content_models` name (`Id`, `Text`, `Ge(1)` ...) and adds them to that
module's namespace, where pydantic resolves those (string) annotations. The app imports
it only when it validates content (a cache miss, the CLI, the tests), so a start from the
cache loads neither `annotated_types` nor pydantic.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import Annotated, Literal

from annotated_types import Ge, Le, Len, MinLen, Predicate

from tui.domain import content_models
from tui.domain.content_models import (
    Avoid,
    Cause,
    Condition,
    Drill,
    FirstAidStep,
    IceSettings,
    OttawaRule,
    RedFlag,
    Region,
    Routine,
    Sensation,
    Trigger,
    UntilSeen,
    _model,
)

_ID = re.compile(r"[a-z][a-z0-9_]*")
_HHMM = re.compile(r"([01]\d|2[0-3]):[0-5]\d")
_LETTER = re.compile(r"[A-Z]")


def is_id(value: str) -> bool:
    """Lower-case letters, digits and _, starting with a letter."""
    return _ID.fullmatch(value) is not None


def is_clock_time(value: str) -> bool:
    """A 24-hour HH:MM time."""
    return _HHMM.fullmatch(value) is not None


def is_capital_letter(value: str) -> bool:
    """One capital letter A-Z."""
    return _LETTER.fullmatch(value) is not None


PREDICATE_HELP = {
    "is_id": "use lower-case letters, digits and '_', starting with a letter",
    "is_clock_time": "use a 24-hour time such as 22:00",
    "is_capital_letter": "use one capital letter",
}
"""What each predicate above asks for, in words, for content error messages."""

Id = Annotated[str, Len(2, 40), Predicate(is_id)]
Text = Annotated[str, Len(1, 400)]
Long = Annotated[str, Len(1, 1200)]
Weight = Annotated[int, Ge(-5), Le(5)]
Sources = Annotated[list[Text], MinLen(1)]
ClockTime = Annotated[str, Predicate(is_clock_time)]
CapitalLetter = Annotated[str, Predicate(is_capital_letter)]

vars(content_models).update(
    Id=Id, Text=Text, Long=Long, Weight=Weight, Sources=Sources, ClockTime=ClockTime,
    CapitalLetter=CapitalLetter, Ge=Ge, Le=Le, MinLen=MinLen,
)


# --- one class per content file ---------------------------------------------------------


@_model
class VocabularyFile:
    schema_version: Literal[1]
    region: Annotated[list[Region], MinLen(1)]
    sensation: Annotated[list[Sensation], MinLen(1)]
    trigger: Annotated[list[Trigger], MinLen(1)]


@_model
class RedFlagsFile:
    schema_version: Literal[1]
    red_flag: Annotated[list[RedFlag], MinLen(1)]
    ottawa: OttawaRule | None = None
    until_seen: UntilSeen


@_model
class ConditionsFile:
    schema_version: Literal[1]
    condition: Annotated[list[Condition], MinLen(1)]


@_model
class CausesFile:
    schema_version: Literal[1]
    cause: Annotated[list[Cause], MinLen(1)]


@_model
class FirstAidFile:
    schema_version: Literal[1]
    step: Annotated[list[FirstAidStep], MinLen(1)]
    avoid: list[Avoid] = field(default_factory=list)
    ice: IceSettings
    nsaid: Text
    sources: Sources


@_model
class DrillsFile:
    schema_version: Literal[1]
    drill: Annotated[list[Drill], MinLen(1)]


@_model
class RoutinesFile:
    schema_version: Literal[1]
    routine: list[Routine] = field(default_factory=list)
