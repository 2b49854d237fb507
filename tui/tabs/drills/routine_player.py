"""The routine player: what to do now, a big countdown, the tempo cue and what comes next.

It only draws a `RoutineRun` at a given time; the Drills pane owns the run, the clock and
the 1 Hz refresh. Every part is compared with what is on screen before it is updated, so a
tick redraws only what a person sees change (usually the digits alone): over SSH each
redrawn line costs a full row of bytes.
"""

from __future__ import annotations

import math
from datetime import datetime

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from tui.domain.routine import RoutineRun
from tui.domain.routine_plan import Step, tempo_cue
from tui.widgets.countdown import TickingDigits
from tui.widgets.safe_text import cleaned, plain

BAR_WIDTH = 24
KEYS_HINT = "space pause · n skip · b back · r repeat · d done · h that hurt · Esc stop"


def clock_text(seconds: float) -> str:
    """Whole seconds, rounded up, as m:ss (what a countdown shows)."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def minutes_left_text(seconds: float) -> str:
    """The whole routine's time left to the nearest minute ("13 min left"): it is an estimate
    (untimed reps are guessed), and the big digits already count the seconds of the step.
    Short, so the progress line still fits at 60 columns."""
    whole = max(0, math.ceil(seconds - 1e-9))
    if whole < 60:
        return "under 1 min left"
    return f"{round(whole / 60)} min left"


def progress_bar(share: float) -> str:
    """The routine's share done in BAR_WIDTH whole cells: it changes only when a cell fills."""
    filled = round(min(1.0, max(0.0, share)) * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def shown_key(value: str | Text) -> tuple[str, tuple[object, ...], str]:
    """(plain text, spans, base style): equal keys draw the same (Text == Text ignores the
    base style)."""
    if isinstance(value, Text):
        return value.plain, tuple(value.spans), str(value.style)
    return value, (), ""


def fits_one_line(plain: str, width: int) -> bool:
    """Whether plain text is a single line no wider than width (so it cannot wrap)."""
    return "\n" not in plain and 0 < cell_len(plain) <= width


def amount(step: Step) -> str:
    """"2 x 10 reps each foot", "10 x 10 s hold": one drill's whole prescription."""
    drill = step.drill
    what = f"{drill.reps} reps" if drill.reps is not None else f"{drill.hold_seconds} s hold"
    each = " each foot" if drill.per_side else ""
    return f"{drill.sets} x {what}{each}"


def step_title(step: Step) -> str:
    """What kind of step this is, in capitals, with the drill and set."""
    drill = step.drill.name
    if step.kind == "lead_in":
        return f"GET READY · {drill}"
    if step.kind == "rest":
        return f"REST · {drill}"
    kind = "HOLD" if step.is_hold else "REPS"
    return f"{kind} · {drill} · {step.set_label()}"


class RoutinePlayer(Vertical, can_focus=True):
    """The running routine, drawn from a RoutineRun and the time now."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, tuple[str, tuple[object, ...], str]] = {}
        """What each part shows (`shown_key`), by selector: updated only when it changes."""
        # Built here, not in compose, and kept by selector: the player is mounted when a
        # routine starts and drawn at once, before its first turn has composed it (and a
        # selector query each second cost more than the update it led to).
        self._digits = TickingDigits("", id="player-digits")
        self._parts: dict[str, Static] = {
            f"#{name}": Static("", id=name, markup=False)
            for name in ("player-title", "player-progress", "player-step", "player-cue",
                         "player-how", "player-next", "player-status")
        }

    def compose(self) -> ComposeResult:
        """Title, progress, step, countdown, cue, how-to, next, status and keys."""
        parts = self._parts
        yield from (parts["#player-title"], parts["#player-progress"], parts["#player-step"])
        yield self._digits
        yield from (parts["#player-cue"], parts["#player-how"], parts["#player-next"],
                    parts["#player-status"])
        yield Static(KEYS_HINT, id="player-keys", markup=False)

    def show(self, run: RoutineRun, now: datetime, status: str = "", *,
             seconds_only: bool = False) -> None:
        """Draw the run as it is at `now`. `seconds_only`: a tick within the same step and
        state, where only the progress line, the digits and the cue can change."""
        step = run.step
        count = len(run.routine.steps)
        self._set(
            "#player-progress",
            f"{progress_bar(run.progress(now))} · {minutes_left_text(run.time_left(now))} · "
            f"drill {step.drill_number} of {count}",
            fixed_height=True,
        )
        digits = self._big_number(run, now)
        if self._changed("#player-digits", digits):
            self._digits.update(digits)
        self._set("#player-cue", self._cue(run, now))
        if seconds_only:
            return
        state = "‖ PAUSED" if run.paused else "▶ running"
        title = plain(run.routine.name, style="bold")  # may come from routines.toml
        title.append(f"   {state}")
        self._set("#player-title", title)
        heading = Text(step_title(step), style="bold")
        if step.eased:
            heading.append("  ! eased")
        self._set("#player-step", heading, fixed_height=True)
        drill = step.drill
        how = Text(drill.how)
        if drill.cue:
            how.append(f"\n{drill.cue}", style="italic")
        self._set("#player-how", how)
        self._set("#player-next", self._next(run))
        self._set("#player-status", status)
        self.set_class(run.paused, "-paused")

    def _changed(self, selector: str, value: str | Text) -> bool:
        """Remember value for selector; True if it differs from what is on screen."""
        key = shown_key(value)
        if self._shown.get(selector) == key:
            return False
        self._shown[selector] = key
        return True

    def _set(self, selector: str, value: str | Text, *, fixed_height: bool = False) -> None:
        """Update one Static if its text or styles changed.

        A layout pass (the whole screen re-measured) is asked for only when the height may
        change: not for fixed-height lines, nor when the old and the new text each fit on
        one line (a tempo cue that changes every second). Names and cues in the text are
        shown through `printable` (`cleaned`), never as terminal controls.
        """
        value = cleaned(value)
        before = self._shown.get(selector)
        if not self._changed(selector, value):
            return
        widget = self._parts[selector]
        width = widget.content_region.width
        same_height = fixed_height or (
            before is not None and fits_one_line(before[0], width)
            and fits_one_line(self._shown[selector][0], width)
        )
        widget.update(value, layout=not same_height)

    @staticmethod
    def _big_number(run: RoutineRun, now: datetime) -> str:
        """A countdown for timed steps, the rep count for an untimed set."""
        step = run.step
        left = run.remaining(now)
        if left is None:
            return str(step.drill.reps or "")
        if step.kind == "work" and step.drill.tempo is not None and step.drill.reps:
            cue = tempo_cue(step.drill.tempo, step.drill.reps, run.elapsed(now))
            return str(cue.rep)
        return clock_text(left)

    @staticmethod
    def _cue(run: RoutineRun, now: datetime) -> Text:
        """The tempo cue, the done-key prompt, or what the countdown counts."""
        step = run.step
        drill = step.drill
        if step.kind == "lead_in":
            return Text(f"Coming up: {amount(step)}, rest {drill.rest_seconds} s between sets")
        if step.kind == "rest":
            return Text("rest: breathe, shake the foot out")
        if drill.tempo is not None and drill.reps is not None:
            cue = tempo_cue(drill.tempo, drill.reps, run.elapsed(now))
            return Text(cue.text(drill.tempo), style="bold")
        if drill.reps is not None:
            return Text(f"Do {drill.reps} reps at your own pace, then press d", style="bold")
        left = run.remaining(now) or 0
        half = " · past halfway" if step.seconds and left <= step.seconds / 2 else ""
        return Text(f"{drill.during or 'hold steady'}{half}", style="bold")

    @staticmethod
    def _next(run: RoutineRun) -> Text:
        """During a rest or get-ready: the next set, and the drill after this one."""
        upcoming = run.next_work()
        text = Text()
        if run.step.kind != "work" and upcoming is not None:
            text.append("Next: ", style="bold")
            text.append(f"{upcoming.drill.name} · {upcoming.set_label()}")
        later = run.next_drill()
        if later is not None:
            if text:
                text.append("\n")
            text.append("Then: " if run.step.kind != "work" else "Next drill: ", style="bold")
            text.append(f"{later.drill.name} ({amount(later)})")
        elif run.step.kind == "work":
            text.append("Last drill of the routine", style="italic")
        return text
