"""The knowledge base's shape: one frozen dataclass per kind of entry.

These are plain standard-library dataclasses, so the app can start without importing
pydantic: `tui.domain.content` validates the TOML into them with a pydantic `TypeAdapter`
(strict and closed: `__pydantic_config__` below), and keeps the validated result in a
cache that later starts load directly.

The annotations are strings (`from __future__ import annotations`) that only pydantic
reads. The constrained types they name (`Id`, `Text`, `Ge(1)` ...) are defined in
`tui.domain.content_files`, the module that validation imports, which adds them to this
module's namespace where pydantic looks them up: a start from the cache imports neither
pydantic nor `annotated_types`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from typing import TYPE_CHECKING, Annotated, Any, Literal

from tui.domain.frozen import frozen

if TYPE_CHECKING:
    from tui.domain.content_files import (
        CapitalLetter,
        ClockTime,
        Ge,
        Id,
        Le,
        Long,
        MinLen,
        Sources,
        Text,
        Weight,
    )

SCHEMA_VERSION = 1
OTTAWA_FINDINGS = (
    "ankle_pain", "lateral_malleolus_tender", "medial_malleolus_tender", "midfoot_pain",
    "navicular_tender", "fifth_metatarsal_tender", "cannot_take_four_steps",
)
"""The Ottawa ankle and foot rule findings (Stiell 1992), ids a condition may weigh."""
CLOSED = {"extra": "forbid", "strict": True}
"""pydantic's config for every content class: unknown keys and loose types are errors."""


def _model(cls: type) -> type:
    """Make cls a frozen, slotted, keyword-only dataclass (`tui.domain.frozen`: shared
    methods, none compiled per class) that pydantic validates strictly and closed."""
    cls.__pydantic_config__ = CLOSED  # type: ignore[attr-defined]
    return frozen(kw_only=True, slots=True)(cls)


# --- vocabulary.toml -------------------------------------------------------------------


@_model
class Region:
    """A part of the foot where it hurts."""

    id: Id
    name: Text
    hint: Text


@_model
class Sensation:
    """How the pain feels."""

    id: Id
    name: Text
    hint: Text


@_model
class Trigger:
    """What makes it worse or better, or background that matters."""

    id: Id
    name: Text
    hint: Text
    group: Literal["worse", "better", "context", "injury", "more"]
    """Where the Triage tab asks it: the feel page (worse, better, context), the injury page,
    or the follow-up page ("more")."""
    ask_if: list[Id] = field(default_factory=list)
    """Ask only when one of these answers (region, trigger or red-flag ids) was given;
    empty means always."""


# --- red_flags.toml --------------------------------------------------------------------


@_model
class RedFlag:
    """A yes/no question where YES means see someone (urgently or soon)."""

    id: Id
    name: Text
    """A short label, shown as a reason ("Cannot take four steps")."""
    question: Text
    why: Text
    disposition: Literal["urgent", "see_pro"]
    sources: Sources
    ask_if: list[Id] = field(default_factory=list)
    """Ask on the follow-up page, and only when one of these answers (region, trigger or
    red-flag ids) was given; empty means ask on the first page, always."""


@_model
class OttawaRule:
    """The Ottawa foot rule: when a midfoot injury needs an X-ray today."""

    text: Long
    sources: Sources


@_model
class UntilSeen:
    """What to do between an urgent result and being seen (no drills, no running advice)."""

    steps: Annotated[list[Text], MinLen(1)]
    """Shown with every urgent result."""
    ice: Text
    """Shown when ice is safe (the foot can feel the cold)."""
    no_ice: Text
    """Shown instead when the foot is numb or cold, or with diabetes."""
    sources: Sources


# --- conditions.toml -------------------------------------------------------------------


@_model
class Condition:
    """A likely cause of the pain, with evidence weights for the triage engine."""

    id: Id
    name: Text
    summary: Long
    do_now: Annotated[list[Text], MinLen(1)]
    see_someone: Text
    kind: Literal[
        "soft_tissue", "bone", "nerve", "general", "rupture", "joint", "skin", "infection",
        "growth_plate",
    ]
    outlook: Text
    """How long it usually takes, honestly, from the sources (shown with a self-care result)."""
    sources: Sources
    floor: Literal["self_care", "see_pro", "urgent"] = "self_care"
    """The least a runner needs when this condition ranks first."""
    regions: Annotated[dict[str, Weight], MinLen(1)]
    sensations: dict[str, Weight] = field(default_factory=dict)
    triggers: dict[str, Weight] = field(default_factory=dict)
    red_flags: dict[str, Weight] = field(default_factory=dict)
    """Red flags that also count as evidence (bone tenderness for a stress fracture)."""
    ottawa: dict[str, Weight] = field(default_factory=dict)
    """Ottawa findings after an injury that count as evidence (a tender malleolus)."""
    drills: list[Id] = field(default_factory=list)


# --- causes.toml -----------------------------------------------------------------------


@_model
class Cause:
    """A recent change that often sets foot pain off, and what to do about it."""

    id: Id
    label: Text
    advice: Long
    sources: Sources


# --- first_aid.toml --------------------------------------------------------------------


@_model
class FirstAidStep:
    """One letter of PRICER."""

    id: Id
    letter: CapitalLetter
    name: Text
    how: Text
    detail: Long


@_model
class Avoid:
    """Something to avoid in the first 72 hours."""

    id: Id
    name: Text
    why: Text


@_model
class IceSettings:
    """Icing defaults and limits for the ice timer and schedule."""

    default_minutes: Annotated[int, Ge(1), Le(30)]
    min_minutes: Annotated[int, Ge(1), Le(30)]
    max_minutes: Annotated[int, Ge(1), Le(30)]
    gap_hours_default: Annotated[float, Ge(0.5), Le(12)]
    gap_hours_min: Annotated[float, Ge(0.5), Le(12)]
    gap_hours_max: Annotated[float, Ge(0.5), Le(12)]
    roll_seconds: Annotated[int, Ge(10), Le(600)]
    acute_window_hours: Annotated[int, Ge(1), Le(168)]
    quiet_start: ClockTime
    quiet_end: ClockTime
    note: Text
    rationale: Long

    def __post_init__(self) -> None:
        """Check min <= default <= max for minutes and gaps."""
        if not self.min_minutes <= self.default_minutes <= self.max_minutes:
            raise ValueError("need min_minutes <= default_minutes <= max_minutes")
        if not self.gap_hours_min <= self.gap_hours_default <= self.gap_hours_max:
            raise ValueError("need gap_hours_min <= gap_hours_default <= gap_hours_max")


@_model
class FirstAid:
    """PRICER steps, what to avoid, ice settings and the painkiller note."""

    steps: list[FirstAidStep]
    avoid: list[Avoid]
    ice: IceSettings
    nsaid: Text
    sources: Sources


# --- drills.toml and routines.toml -----------------------------------------------------


@_model
class Tempo:
    """Seconds for the lifting, holding and lowering parts of one rep."""

    up: Annotated[int, Ge(0), Le(10)]
    hold: Annotated[int, Ge(0), Le(10)]
    down: Annotated[int, Ge(0), Le(10)]

    @property
    def seconds(self) -> int:
        """Length of one rep at this tempo."""
        return self.up + self.hold + self.down


@_model
class Drill:
    """One rehab exercise: counted reps or a timed hold, in sets."""

    id: Id
    name: Text
    how: Text
    cue: Text | None = None
    sets: Annotated[int, Ge(1), Le(10)]
    reps: Annotated[int, Ge(1), Le(100)] | None = None
    hold_seconds: Annotated[int, Ge(1), Le(600)] | None = None
    tempo: Tempo | None = None
    rest_seconds: Annotated[int, Ge(0), Le(600)] = 30
    per_side: bool = False
    sources: Sources
    for_conditions: list[Id] = field(default_factory=list)
    """Written `for` in drills.toml (a Python keyword); the loader renames the key."""
    loading: bool = False
    """Loads bone or tendon hard (raises, drops, hops): the Drills tab asks first while an
    injury episode that must not be loaded is open."""
    during: Text | None = None
    """What to keep doing through a timed set ("keep rolling slowly"); None: hold steady."""

    def __post_init__(self) -> None:
        """Require exactly one of reps and hold_seconds; tempo only with reps."""
        if (self.reps is None) == (self.hold_seconds is None):
            raise ValueError("set exactly one of 'reps' or 'hold_seconds'")
        if self.tempo is not None and self.reps is None:
            raise ValueError("'tempo' only applies to drills counted in 'reps'")


@_model
class Routine:
    """An ordered list of drills done together, with how often to do it."""

    id: Id
    name: Text
    summary: Long
    frequency: Text
    lead_in_seconds: Annotated[int, Ge(5), Le(10)] = 5
    steps: Annotated[list[Id], MinLen(1)]
    weeks: Annotated[int, Ge(1), Le(52)] | None = None
    default: bool = False
    sources: list[Text] = field(default_factory=list)


def _by_id(items: Iterable[Any]) -> dict[str, Any]:
    """Index entries by their id."""
    return {item.id: item for item in items}


@_model
class Content:
    """Everything in `content/`, validated and cross-checked."""

    regions: list[Region]
    sensations: list[Sensation]
    triggers: list[Trigger]
    red_flags: list[RedFlag]
    ottawa: OttawaRule | None
    until_seen: UntilSeen
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
