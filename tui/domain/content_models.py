"""The knowledge base's shape: one frozen, strict pydantic model per kind of entry.

`tui.domain.content` reads `content/*.toml` into these and checks cross-references; the rest
of the app imports the models from there.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = 1
Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", min_length=2, max_length=40)]
Text = Annotated[str, Field(min_length=1, max_length=400)]
Long = Annotated[str, Field(min_length=1, max_length=1200)]
Weight = Annotated[int, Field(ge=-5, le=5)]
Sources = Annotated[list[Text], Field(min_length=1)]
ClockTime = Annotated[str, Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


class _Model(BaseModel):
    """Base for all content models: strict, closed and immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# --- vocabulary.toml -------------------------------------------------------------------


class Region(_Model):
    """A part of the foot where it hurts."""

    id: Id
    name: Text
    hint: Text


class Sensation(_Model):
    """How the pain feels."""

    id: Id
    name: Text
    hint: Text


class Trigger(_Model):
    """What makes it worse or better, or background that matters."""

    id: Id
    name: Text
    hint: Text
    group: Literal["worse", "better", "context"]


# --- red_flags.toml --------------------------------------------------------------------


class RedFlag(_Model):
    """A yes/no question where YES means see someone (urgently or soon)."""

    id: Id
    name: Text
    """A short label, shown as a reason ("Cannot take four steps")."""
    question: Text
    why: Text
    disposition: Literal["urgent", "see_pro"]
    sources: Sources


class OttawaRule(_Model):
    """The Ottawa foot rule: when a midfoot injury needs an X-ray today."""

    text: Long
    sources: Sources


# --- conditions.toml -------------------------------------------------------------------


class Condition(_Model):
    """A likely cause of the pain, with evidence weights for the triage engine."""

    id: Id
    name: Text
    summary: Long
    do_now: Annotated[list[Text], Field(min_length=1)]
    see_someone: Text
    kind: Literal["soft_tissue", "bone", "nerve", "general"]
    sources: Sources
    regions: dict[str, Weight] = Field(min_length=1)
    sensations: dict[str, Weight] = Field(default_factory=dict)
    triggers: dict[str, Weight] = Field(default_factory=dict)
    red_flags: dict[str, Weight] = Field(default_factory=dict)
    """Red flags that also count as evidence (bone tenderness for a stress fracture)."""
    drills: list[Id] = Field(default_factory=list)


# --- causes.toml -----------------------------------------------------------------------


class Cause(_Model):
    """A recent change that often sets foot pain off, and what to do about it."""

    id: Id
    label: Text
    advice: Long
    sources: Sources


# --- first_aid.toml --------------------------------------------------------------------


class FirstAidStep(_Model):
    """One letter of PRICER."""

    id: Id
    letter: Annotated[str, Field(pattern=r"^[A-Z]$")]
    name: Text
    how: Text
    detail: Long


class Avoid(_Model):
    """Something to avoid in the first 72 hours."""

    id: Id
    name: Text
    why: Text


class IceSettings(_Model):
    """Icing defaults and limits for the ice timer and schedule."""

    default_minutes: int = Field(ge=1, le=30)
    min_minutes: int = Field(ge=1, le=30)
    max_minutes: int = Field(ge=1, le=30)
    gap_hours_default: float = Field(ge=0.5, le=12)
    gap_hours_min: float = Field(ge=0.5, le=12)
    gap_hours_max: float = Field(ge=0.5, le=12)
    roll_seconds: int = Field(ge=10, le=600)
    acute_window_hours: int = Field(ge=1, le=168)
    quiet_start: ClockTime
    quiet_end: ClockTime
    note: Text
    rationale: Long

    @model_validator(mode="after")
    def _ordered(self) -> IceSettings:
        """Check min <= default <= max for minutes and gaps."""
        if not self.min_minutes <= self.default_minutes <= self.max_minutes:
            raise ValueError("need min_minutes <= default_minutes <= max_minutes")
        if not self.gap_hours_min <= self.gap_hours_default <= self.gap_hours_max:
            raise ValueError("need gap_hours_min <= gap_hours_default <= gap_hours_max")
        return self


class FirstAid(_Model):
    """PRICER steps, what to avoid, ice settings and the painkiller note."""

    steps: list[FirstAidStep]
    avoid: list[Avoid]
    ice: IceSettings
    nsaid: Text
    sources: Sources


# --- drills.toml and routines.toml -----------------------------------------------------


class Tempo(_Model):
    """Seconds for the lifting, holding and lowering parts of one rep."""

    up: int = Field(ge=0, le=10)
    hold: int = Field(ge=0, le=10)
    down: int = Field(ge=0, le=10)

    @property
    def seconds(self) -> int:
        """Length of one rep at this tempo."""
        return self.up + self.hold + self.down


class Drill(_Model):
    """One rehab exercise: counted reps or a timed hold, in sets."""

    model_config = ConfigDict(populate_by_name=True)

    id: Id
    name: Text
    how: Text
    cue: Text | None = None
    sets: int = Field(ge=1, le=10)
    reps: int | None = Field(default=None, ge=1, le=100)
    hold_seconds: int | None = Field(default=None, ge=1, le=600)
    tempo: Tempo | None = None
    rest_seconds: int = Field(default=30, ge=0, le=600)
    per_side: bool = False
    sources: Sources
    for_conditions: list[Id] = Field(default_factory=list, alias="for")

    @model_validator(mode="after")
    def _reps_or_hold(self) -> Drill:
        """Require exactly one of reps and hold_seconds; tempo only with reps."""
        if (self.reps is None) == (self.hold_seconds is None):
            raise ValueError("set exactly one of 'reps' or 'hold_seconds'")
        if self.tempo is not None and self.reps is None:
            raise ValueError("'tempo' only applies to drills counted in 'reps'")
        return self


class Routine(_Model):
    """An ordered list of drills done together, with how often to do it."""

    id: Id
    name: Text
    summary: Long
    frequency: Text
    lead_in_seconds: int = Field(default=5, ge=5, le=10)
    steps: Annotated[list[Id], Field(min_length=1)]
    weeks: int | None = Field(default=None, ge=1, le=52)
    default: bool = False
    sources: list[Text] = Field(default_factory=list)


# --- whole files -----------------------------------------------------------------------


class _File(_Model):
    """A content file: a schema version plus its entries."""

    schema_version: Literal[1]


class _VocabularyFile(_File):
    region: Annotated[list[Region], Field(min_length=1)]
    sensation: Annotated[list[Sensation], Field(min_length=1)]
    trigger: Annotated[list[Trigger], Field(min_length=1)]


class _RedFlagsFile(_File):
    red_flag: Annotated[list[RedFlag], Field(min_length=1)]
    ottawa: OttawaRule | None = None


class _ConditionsFile(_File):
    condition: Annotated[list[Condition], Field(min_length=1)]


class _CausesFile(_File):
    cause: Annotated[list[Cause], Field(min_length=1)]


class _FirstAidFile(_File):
    step: Annotated[list[FirstAidStep], Field(min_length=1)]
    avoid: list[Avoid] = Field(default_factory=list)
    ice: IceSettings
    nsaid: Text
    sources: Sources


class _DrillsFile(_File):
    drill: Annotated[list[Drill], Field(min_length=1)]


class _RoutinesFile(_File):
    routine: list[Routine] = Field(default_factory=list)


def _by_id(items: Iterable[Any]) -> dict[str, Any]:
    """Index entries by their id."""
    return {item.id: item for item in items}


class Content(_Model):
    """Everything in `content/`, validated and cross-checked."""

    regions: list[Region]
    sensations: list[Sensation]
    triggers: list[Trigger]
    red_flags: list[RedFlag]
    ottawa: OttawaRule | None
    conditions: list[Condition]
    causes: list[Cause]
    first_aid: FirstAid
    drills: list[Drill]
    routines: list[Routine]

    @property
    def regions_by_id(self) -> dict[str, Region]:
        """Regions keyed by id, in file order."""
        return _by_id(self.regions)

    @property
    def sensations_by_id(self) -> dict[str, Sensation]:
        """Sensations keyed by id, in file order."""
        return _by_id(self.sensations)

    @property
    def triggers_by_id(self) -> dict[str, Trigger]:
        """Triggers keyed by id, in file order."""
        return _by_id(self.triggers)

    @property
    def red_flags_by_id(self) -> dict[str, RedFlag]:
        """Red flags keyed by id, in file order."""
        return _by_id(self.red_flags)

    @property
    def conditions_by_id(self) -> dict[str, Condition]:
        """Conditions keyed by id, in file order."""
        return _by_id(self.conditions)

    @property
    def causes_by_id(self) -> dict[str, Cause]:
        """Causes keyed by id, in file order."""
        return _by_id(self.causes)

    @property
    def drills_by_id(self) -> dict[str, Drill]:
        """Drills keyed by id, in file order."""
        return _by_id(self.drills)

    @property
    def routines_by_id(self) -> dict[str, Routine]:
        """Routines keyed by id, in file order."""
        return _by_id(self.routines)

    def region(self, id: str) -> Region:
        """The region with this id (KeyError if unknown)."""
        return self.regions_by_id[id]

    def sensation(self, id: str) -> Sensation:
        """The sensation with this id (KeyError if unknown)."""
        return self.sensations_by_id[id]

    def trigger(self, id: str) -> Trigger:
        """The trigger with this id (KeyError if unknown)."""
        return self.triggers_by_id[id]

    def red_flag(self, id: str) -> RedFlag:
        """The red flag with this id (KeyError if unknown)."""
        return self.red_flags_by_id[id]

    def condition(self, id: str) -> Condition:
        """The condition with this id (KeyError if unknown)."""
        return self.conditions_by_id[id]

    def cause(self, id: str) -> Cause:
        """The cause with this id (KeyError if unknown)."""
        return self.causes_by_id[id]

    def drill(self, id: str) -> Drill:
        """The drill with this id (KeyError if unknown)."""
        return self.drills_by_id[id]

    def routine(self, id: str) -> Routine:
        """The routine with this id (KeyError if unknown)."""
        return self.routines_by_id[id]

    def default_routine(self) -> Routine:
        """The routine marked `default = true`, else the first one."""
        return next((r for r in self.routines if r.default), self.routines[0])
