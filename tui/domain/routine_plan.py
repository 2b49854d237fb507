"""A routine laid out as a list of steps (get ready, sets, rests), plus easing and cues.

Pure functions over the content models: `build_plan` turns a Routine into the steps the
player walks through, `ease_drill` makes a drill that hurt last time gentler, `tempo_cue`
says which part of a rep the runner is in, and `bell_marks` says when the bell rings.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Literal

from tui.domain.content import Drill, Routine, Tempo
from tui.domain.frozen import frozen

StepKind = Literal["lead_in", "work", "rest"]
SECONDS_PER_UNTIMED_REP = 3
"""Estimate for a rep without a tempo, used only for the time-left figure."""
LONG_HOLD_SECONDS = 20
"""Holds at least this long get a bell at halfway too."""
EASE_FACTOR = 2 / 3
"""An eased drill keeps about two thirds of its reps or hold time."""
EASED_NOTE = "fewer reps"
EASED_HOLD_NOTE = "shorter holds"


@frozen()
class Step:
    """One stretch of the routine: a get-ready countdown, one set (on one side), or a rest."""

    kind: StepKind
    drill: Drill
    drill_number: int
    """1-based position of the drill in the routine."""
    set_number: int
    sets: int
    side: str = ""
    """"left" or "right" for per-side drills, else empty."""
    seconds: int | None = None
    """Planned length; None for a set of reps without a tempo (ended with the done key)."""
    eased: bool = False

    @property
    def timed(self) -> bool:
        """Whether the step ends by itself when its time is up."""
        return self.seconds is not None

    @property
    def estimate(self) -> int:
        """Seconds this step is expected to take (untimed sets: about 3 s a rep)."""
        if self.seconds is not None:
            return self.seconds
        return (self.drill.reps or 1) * SECONDS_PER_UNTIMED_REP

    @property
    def is_hold(self) -> bool:
        """A set that is one timed hold (a stretch, a roll)."""
        return self.kind == "work" and self.drill.hold_seconds is not None

    def set_label(self) -> str:
        """"set 2 of 3 · left foot" or "set 1 of 1"."""
        label = f"set {self.set_number} of {self.sets}"
        return f"{label} · {self.side} foot" if self.side else label


    def position(self) -> str:
        """Where in the routine this is, in words: "Calf raises, set 2 of 2"."""
        name = self.drill.name
        if self.kind == "lead_in":
            return f"getting ready for {name}"
        if self.kind == "rest":
            return f"{name}, resting before {self.set_label()}"
        return f"{name}, {self.set_label()}"


def ease_drill(drill: Drill) -> Drill:
    """A gentler copy of a drill: about a third fewer reps, or a third shorter holds."""
    if drill.reps is not None:
        return replace(drill, reps=max(1, math.floor(drill.reps * EASE_FACTOR)))
    hold = drill.hold_seconds or 1
    return replace(drill, hold_seconds=max(1, math.floor(hold * EASE_FACTOR)))


def eased_note(drill: Drill) -> str:
    """What easing changes for this drill, in a few words."""
    return EASED_NOTE if drill.reps is not None else EASED_HOLD_NOTE


def build_plan(
    routine: Routine, drills: Mapping[str, Drill], eased: Iterable[str] = ()
) -> list[Step]:
    """Every step of a routine in order: per drill a get-ready, then sets with rests between."""
    eased_ids = set(eased)
    steps: list[Step] = []
    for number, drill_id in enumerate(routine.steps, start=1):
        drill = drills[drill_id]
        is_eased = drill_id in eased_ids
        if is_eased:
            drill = ease_drill(drill)
        sides = ["left", "right"] if drill.per_side else [""]
        common = {"drill": drill, "drill_number": number, "sets": drill.sets, "eased": is_eased}
        steps.append(Step("lead_in", set_number=1, seconds=routine.lead_in_seconds, **common))
        if drill.hold_seconds is not None:
            work_seconds: int | None = drill.hold_seconds
        elif drill.tempo is not None and drill.reps is not None:
            work_seconds = drill.reps * drill.tempo.seconds
        else:
            work_seconds = None
        bouts = [(s, side) for s in range(1, drill.sets + 1) for side in sides]
        for position, (set_number, side) in enumerate(bouts):
            if position and drill.rest_seconds:
                rest = Step("rest", set_number=set_number, side=side,
                            seconds=drill.rest_seconds, **common)
                steps.append(rest)
            steps.append(Step("work", set_number=set_number, side=side,
                              seconds=work_seconds, **common))
    return steps


def plan_seconds(steps: Iterable[Step]) -> int:
    """Expected length of a plan in seconds."""
    return sum(step.estimate for step in steps)


@frozen()
class TempoCue:
    """Where a runner is inside a tempo set: which rep, which part, seconds left in it."""

    rep: int
    reps: int
    phase: Literal["up", "hold", "down"]
    phase_left: int

    def text(self, tempo: Tempo) -> str:
        """"rep 4 of 15 · ▶ UP 2 · hold 2 · down 3": the current part in capitals, marked."""
        parts = []
        for name in ("up", "hold", "down"):
            seconds = getattr(tempo, name)
            if not seconds:
                continue
            if name == self.phase:
                parts.append(f"▶ {name.upper()} {self.phase_left}")
            else:
                parts.append(f"{name} {seconds}")
        return f"rep {self.rep} of {self.reps} · " + " · ".join(parts)


def tempo_cue(tempo: Tempo, reps: int, elapsed: float) -> TempoCue:
    """The rep and part of the rep at `elapsed` seconds into a tempo set."""
    length = max(1, tempo.seconds)
    elapsed = max(0.0, elapsed)
    rep = min(reps, int(elapsed // length) + 1)
    into = elapsed - (rep - 1) * length
    start = 0
    phase: Literal["up", "hold", "down"] = "down"
    phase_left = 0
    for name in ("up", "hold", "down"):
        seconds = getattr(tempo, name)
        if seconds and into < start + seconds:
            phase, phase_left = name, math.ceil(start + seconds - into)
            break
        start += seconds
    else:
        phase, phase_left = ("down" if tempo.down else "up"), 0
    return TempoCue(rep=rep, reps=reps, phase=phase, phase_left=max(phase_left, 0))


def bell_marks(step: Step) -> list[float]:
    """Seconds-left values at which the bell rings: 3, 2, 1, and halfway on a long hold."""
    if step.seconds is None or step.kind == "work" and not step.is_hold:
        return []
    marks = [float(n) for n in (3, 2, 1) if n < step.seconds]
    if step.is_hold and step.seconds >= LONG_HOLD_SECONDS:
        marks.append(step.seconds / 2)
    return marks


def rings_between(step: Step, left_before: float, left_after: float) -> bool:
    """Whether a bell mark was passed while the time left fell from one value to the other."""
    return any(left_after <= mark < left_before for mark in bell_marks(step))
