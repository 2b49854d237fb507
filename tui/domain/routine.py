"""The drill routine as a pure state machine, driven by wall-clock times.

`RoutineRun` walks a plan (see `routine_plan`) step by step. Every event takes the current
time: `tick(now)` moves on when a timed step is over (catching up across several steps if
the loop stalled), `pause`, `resume`, `skip`, `back`, `repeat`, `done`, `hurt` and `stop`
do what the keys say. Nothing counts ticks: time left is `deadline - now`. The run saves
itself as a `RoutineState` (wall-clock UTC datetimes, TOML types only) and comes back from
one after a restart at the same drill and set, paused.

If the wall clock goes back (the run's start, its step's start or its pause lies in the
future), step times mean nothing: `tick` stops the run early with `stopped_by_clock` set,
and the Drills tab shows the end-of-run form saying the clock changed. The sets done are
kept, and the run's end is never before its start, so no session is logged backwards.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from tui.domain.content import Drill, Routine
from tui.domain.record import AwareDatetime, Record, field
from tui.domain.routine_plan import Step, build_plan

CLOCK_SLACK = timedelta(seconds=5)
"""How far the wall clock may step back (NTP's small corrections) before a run counts as
"clock changed"."""


class RoutineState(Record):
    """A routine in progress, as stored in routine.toml (an empty routine_id: none).

    Every date-time carries its offset; a naive one does not validate, so the state is
    treated as unreadable (set aside and reported by `tui.store.state`)."""


    schema_version: int = 1
    routine_id: str = ""
    started_at: AwareDatetime | None = None
    step_index: int = field(default=0, ge=0)
    step_started_at: AwareDatetime | None = None
    paused_at: AwareDatetime | None = None
    paused_seconds: float = field(default=0.0, ge=0)
    """Time spent paused (and away, after a restart): not counted as exercise."""
    saved_at: AwareDatetime | None = None
    done_steps: list[int] = field(default_factory=list)
    hurt_drills: list[str] = field(default_factory=list)
    eased_drills: list[str] = field(default_factory=list)
    finished: bool = False
    stopped: bool = False
    ended_at: AwareDatetime | None = None

    @property
    def active(self) -> bool:
        """Whether this describes a routine that was started and not yet logged."""
        return bool(self.routine_id) and self.started_at is not None


class RoutineRun:
    """One run through a routine; all methods take `now` (aware UTC) from an injected clock."""

    def __init__(
        self,
        routine: Routine,
        drills: Mapping[str, Drill],
        now: datetime,
        eased: list[str] | None = None,
    ) -> None:
        self.routine = routine
        self.eased = list(eased or [])
        self.steps: list[Step] = build_plan(routine, drills, self.eased)
        self._sums: list[int] = []
        self._sums_of: list[Step] | None = None
        """`_planned_from`'s sums, and the plan they were summed from."""
        self.started_at = now
        self.index = 0
        self.step_started_at = now
        self.paused_at: datetime | None = None
        self.paused_seconds = 0.0
        self.done_steps: set[int] = set()
        self.hurt_drills: list[str] = []
        self.finished = False
        self.stopped = False
        self.ended_at: datetime | None = None
        self.stopped_by_clock = False
        """Whether `tick` stopped the run because the wall clock went back."""

    # --- reading ------------------------------------------------------------------------

    @property
    def step(self) -> Step:
        """The current step (the last one once finished)."""
        return self.steps[min(self.index, len(self.steps) - 1)]

    @property
    def paused(self) -> bool:
        """Whether the clock is stopped."""
        return self.paused_at is not None

    @property
    def running(self) -> bool:
        """Started, not paused and not over."""
        return not self.finished and not self.paused

    def elapsed(self, now: datetime) -> float:
        """Seconds spent in the current step, not counting pauses."""
        until = self.paused_at or now
        return max(0.0, (until - self.step_started_at).total_seconds())

    def remaining(self, now: datetime) -> float | None:
        """Seconds left in the current step; None for an untimed set."""
        if self.step.seconds is None:
            return None
        return max(0.0, self.step.seconds - self.elapsed(now))

    def time_left(self, now: datetime) -> float:
        """Expected seconds to the end: this step's time left plus every later step."""
        if self.finished:
            return 0.0
        here = self.remaining(now)
        if here is None:
            here = max(0.0, self.step.estimate - self.elapsed(now))
        return here + self._planned_from(self.index + 1)

    def progress(self, now: datetime) -> float:
        """Share of the planned time behind us, 0.0 to 1.0."""
        total = self._planned_from(0)
        if self.finished or total <= 0:
            return 1.0
        return min(1.0, max(0.0, 1 - self.time_left(now) / total))

    def _planned_from(self, index: int) -> int:
        """Planned seconds of the steps from `index` on. The sums are worked out once per
        plan: the player asks every second, and summing the whole plan each time walked a
        few hundred steps a tick."""
        if self._sums_of is not self.steps:
            sums = [0] * (len(self.steps) + 1)
            for i in range(len(self.steps) - 1, -1, -1):
                sums[i] = sums[i + 1] + self.steps[i].estimate
            self._sums, self._sums_of = sums, self.steps
        return self._sums[min(index, len(self._sums) - 1)]

    def next_work(self) -> Step | None:
        """The next set after the current step (what a rest or get-ready leads to)."""
        return next((s for s in self.steps[self.index + 1:] if s.kind == "work"), None)

    def next_drill(self) -> Step | None:
        """The first step of the next drill, if any."""
        number = self.step.drill_number
        return next((s for s in self.steps[self.index:] if s.drill_number > number), None)

    @property
    def completed(self) -> bool:
        """Finished with every set done (none skipped, not stopped early)."""
        return self.finished and not self.stopped and self.completed_plan()

    def active_seconds(self, now: datetime) -> float:
        """Time spent exercising: start to end (or now) minus pauses."""
        end = self.ended_at or now
        paused = self.paused_seconds
        if self.paused_at is not None and self.ended_at is None:
            paused += (now - self.paused_at).total_seconds()
        return max(0.0, (end - self.started_at).total_seconds() - paused)

    def clock_went_back(self, now: datetime) -> bool:
        """Whether the wall clock went back: the run, its step or its pause starts in the
        future (by more than `CLOCK_SLACK`), so the time left would be longer than the step."""
        starts = [self.started_at, self.step_started_at, self.paused_at]
        return any(t is not None and t - now > CLOCK_SLACK for t in starts)

    # --- events -------------------------------------------------------------------------

    def tick(self, now: datetime) -> bool:
        """Move past every timed step whose time is up; True if the step changed.

        If the clock went back (`clock_went_back`), the run is stopped early instead, with
        `stopped_by_clock` set (True is returned): its times can no longer be trusted.
        """
        if not self.finished and self.clock_went_back(now):
            self.stopped_by_clock = True
            self.stop(now)
            return True
        changed = False
        while not self.finished and not self.paused:
            seconds = self.step.seconds
            if seconds is None or self.elapsed(now) < seconds:
                break
            deadline = self.step_started_at + timedelta(seconds=seconds)
            if self.step.kind == "work":
                self.done_steps.add(self.index)
            self._go(self.index + 1, deadline)
            changed = True
        return changed

    def pause(self, now: datetime) -> None:
        """Stop the clock."""
        if not self.finished and self.paused_at is None:
            self.tick(now)
            self.paused_at = now

    def resume(self, now: datetime) -> None:
        """Start the clock again where it stopped."""
        if self.paused_at is None or self.finished:
            return
        gap = max(0.0, (now - self.paused_at).total_seconds())
        self.step_started_at += timedelta(seconds=gap)
        self.paused_seconds += gap
        self.paused_at = None

    def toggle_pause(self, now: datetime) -> None:
        """Pause if running, resume if paused."""
        if self.paused:
            self.resume(now)
        else:
            self.pause(now)

    def skip(self, now: datetime) -> None:
        """Leave the current step now (a skipped set does not count as done)."""
        if self.finished:
            return
        if self.step.kind == "work" and self.remaining(now) == 0.0:
            self.done_steps.add(self.index)  # its time was up: it was done, not skipped
        self._go(self.index + 1, now)

    def back(self, now: datetime) -> None:
        """Go back to the start of the step before this one."""
        if not self.finished:
            self._go(max(0, self.index - 1), now)

    def repeat(self, now: datetime) -> None:
        """Do the set again: this one during a set, the one just done during a rest."""
        if self.finished:
            return
        target = self.index
        if self.step.kind == "rest":
            target = self._previous_work(self.index)
        self._go(target, now)

    def done(self, now: datetime) -> bool:
        """Finish the current set now (the key for an untimed set); False outside a set."""
        if self.finished or self.step.kind != "work":
            return False
        self.done_steps.add(self.index)
        self._go(self.index + 1, now)
        return True

    def hurt(self, now: datetime) -> str:
        """Note that the current drill hurt, and pause; returns the drill id."""
        drill_id = self.step.drill.id
        if drill_id not in self.hurt_drills:
            self.hurt_drills.append(drill_id)
        self.pause(now)
        return drill_id

    def stop(self, now: datetime) -> None:
        """End early: what was done is kept, the run is not complete (its end is never
        before its start, even if the clock went back)."""
        if not self.finished:
            self.resume(now)
            self.stopped = True
            self.finished = True
            self.ended_at = max(now, self.started_at)

    # --- internals ----------------------------------------------------------------------

    def _previous_work(self, index: int) -> int:
        """Index of the last set before `index` (or `index` itself if there is none)."""
        for i in range(index - 1, -1, -1):
            if self.steps[i].kind == "work":
                return i
        return index

    def _go(self, index: int, at: datetime) -> None:
        """Start step `index` at time `at` (paused stays paused); past the end finishes."""
        if index >= len(self.steps):
            self.resume(at)  # time paused before the end is still not exercise
            self.finished = True
            self.ended_at = max(at, self.started_at)
            self.index = len(self.steps) - 1
            return
        self.index = index
        self.step_started_at = self.paused_at or at

    # --- saving and restoring -----------------------------------------------------------

    def to_state(self, now: datetime) -> RoutineState:
        """Everything needed to carry on after a restart."""
        return RoutineState(
            routine_id=self.routine.id,
            started_at=self.started_at,
            step_index=self.index,
            step_started_at=self.step_started_at,
            paused_at=self.paused_at,
            paused_seconds=self.paused_seconds,
            saved_at=now,
            done_steps=sorted(self.done_steps),
            hurt_drills=list(self.hurt_drills),
            eased_drills=list(self.eased),
            finished=self.finished,
            stopped=self.stopped,
            ended_at=self.ended_at,
        )

    @classmethod
    def from_state(
        cls, state: RoutineState, routine: Routine, drills: Mapping[str, Drill], now: datetime
    ) -> RoutineRun:
        """Carry on a saved run: same drill and set, from the start of that step, paused.

        The time away (from the last save to now) counts as a pause. Raises ValueError if
        the saved position no longer fits the routine (its content changed).
        """
        if state.started_at is None or state.routine_id != routine.id:
            raise ValueError("the saved run is for another routine")
        run = cls(routine, drills, state.started_at, state.eased_drills)
        if state.step_index >= len(run.steps):
            raise ValueError("the routine has changed since this run was saved")
        run.index = state.step_index
        run.done_steps = {i for i in state.done_steps if i < len(run.steps)}
        run.hurt_drills = list(state.hurt_drills)
        run.finished = state.finished
        run.stopped = state.stopped
        run.ended_at = state.ended_at
        away_from = state.paused_at or state.saved_at or now
        run.paused_seconds = state.paused_seconds + max(0.0, (now - away_from).total_seconds())
        if not run.finished:
            run.step_started_at = now
            run.paused_at = now
        return run

    def completed_plan(self) -> bool:
        """Whether every set of the plan was done."""
        return {i for i, s in enumerate(self.steps) if s.kind == "work"} <= self.done_steps
