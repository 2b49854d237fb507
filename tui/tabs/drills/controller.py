"""The routine being run on the Drills tab, and its saved state (no Textual).

`RoutineController` holds the `RoutineRun` on screen (`tui.domain.routine`: wall-clock,
pure) and the run saved in the database for later. Every key is one event on the run with
the time now; the pane then calls `after_change`, which saves the run, so a crash or a
dropped SSH link loses nothing. When the run ends, `log` writes the session to the journal
and ends the saved run in one transaction.

It also reads what a start needs from the journal: the drills to ease (they hurt last time)
and the caution for loading drills during a bone injury. A data problem is said through
`warn`, never raised: the run goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import NamedTuple

from tui.domain.clock import Clock
from tui.domain.content import Drill, Routine
from tui.domain.drill_log import drills_to_ease, session_entry
from tui.domain.journal import Entry
from tui.domain.planner import loading_warning
from tui.domain.routine import RoutineRun, RoutineState
from tui.domain.routine_plan import rings_between
from tui.domain.text import printable
from tui.store import Store, StoreError
from tui.store import journal as journal_repo
from tui.store.records import JournalSource
from tui.store.state import ROUTINE, read_state, save_state

log = logging.getLogger(__name__)

RESUMED = "Back where you stopped, from the start of the set. Space to go on."
"""The status line of a run carried on after a restart."""


class Tick(NamedTuple):
    """What a once-a-second look at the clock found."""

    moved: bool
    """The run moved to another step (or ended): save and redraw it all."""
    ring: bool
    """A 3-2-1 or halfway mark was crossed within the step: ring the bell."""


class RoutineController:
    """The run on screen, the run saved for later, and their reads and writes."""

    def __init__(
        self, store: Store, clock: Clock, warn: Callable[[str], None],
        journal_source: JournalSource, drills: Mapping[str, Drill],
        condition_kinds: Callable[[], dict[str, str]],
    ) -> None:
        self.store, self.clock, self.warn = store, clock, warn
        self.journal_source = journal_source
        """The journal shared by every tab (streak, eased drills, the open episode)."""
        self.drills = drills
        """Every drill by id (names for the status line; steps for a new run)."""
        self.condition_kinds = condition_kinds
        """Condition id to its kind ("bone", "tendon" ...), for the loading caution."""
        self.run: RoutineRun | None = None
        """The routine on screen: running, paused, or ended and waiting for the form."""
        self.saved = RoutineState()
        """The run as last saved: what the tab offers to carry on after a restart."""
        self.status = ""
        """The player's status line: what the last key did, or a warning."""
        self._last_seen: tuple[int, float | None] = (-1, None)
        """The step and seconds left at the last look: a bell rings on crossing a mark."""

    # --- the journal ------------------------------------------------------------------

    def entries(self, wait: bool) -> list[Entry]:
        """The journal's entries; none while start-up is still reading the journal (unless
        `wait`) or if it cannot be read (the Log tab reports that)."""
        source = self.journal_source
        try:
            journal = source.load(self.warn) if wait else source.try_load(self.warn)
        except StoreError as error:
            log.warning("drills cannot read the journal: %s", error)
            return []
        return journal.entries if journal is not None else []

    def loading_warning(self, routine: Routine) -> str | None:
        """The caution for this routine's loading drills, if the open episode needs one."""
        try:
            journal = self.journal_source.load(self.warn)
        except StoreError:
            return None  # the Log tab reports an unreadable journal
        loading = [self.drills[i].name for i in dict.fromkeys(routine.steps)
                   if i in self.drills and self.drills[i].loading]
        return loading_warning(journal, self.condition_kinds(), loading)

    # --- the saved run ----------------------------------------------------------------

    def load_saved(self, known: Callable[[str], bool]) -> None:
        """Read the run saved for later; one for a routine not `known` is set aside."""
        try:
            state = read_state(self.store.db, ROUTINE, RoutineState, self.warn)
        except StoreError as error:
            self.warn(f"The saved drills run could not be read: {error}")
            state = RoutineState()
        if state.active and not known(state.routine_id):
            self.warn(f"A saved drills run is for routine {state.routine_id!r}, which no "
                      "longer exists; it was set aside.")
            state = RoutineState()
        self.saved = state

    def saved_run(self, routine: Routine) -> RoutineRun:
        """The saved run, carried on from now (ValueError if it no longer fits `routine`)."""
        return RoutineRun.from_state(self.saved, routine, self.drills, self.clock.now())

    def discard_saved(self) -> None:
        """Forget the run on screen and the saved one."""
        self.run = None
        self.saved = RoutineState()
        self._keep(self.saved)

    def save(self) -> None:
        """Save the run on screen as it stands now."""
        if self.run is not None:
            self.saved = self.run.to_state(self.clock.now())
            self._keep(self.saved)

    def _keep(self, state: RoutineState) -> None:
        """Save the routine state; a data problem is said, not raised (the run goes on)."""
        try:
            save_state(self.store.db, ROUTINE, state)
        except StoreError as error:
            self.warn(f"The drills run could not be saved: {error}")

    # --- starting ---------------------------------------------------------------------

    def begin(self, routine: Routine) -> None:
        """Start `routine` now, easing the drills that hurt in its last session."""
        entries = self.entries(wait=True)
        self.run = RoutineRun(routine, self.drills, self.clock.now(),
                              drills_to_ease(entries, routine.id))
        eased = [self.drills[i].name for i in self.run.eased if i in routine.steps]
        self.status = f"! Eased today: {', '.join(eased)}" if eased else ""
        self.save()

    def carry_on(self, run: RoutineRun) -> None:
        """Put a saved run back on screen (a finished one goes to the form)."""
        self.run = run
        if not run.finished:
            self.status = RESUMED

    # --- the keys ---------------------------------------------------------------------

    def pause(self) -> None:
        """Pause or carry on."""
        if self.run is not None:
            self.status = ""
            self.run.toggle_pause(self.clock.now())

    def skip(self) -> None:
        """Skip to the next step."""
        if self.run is not None:
            self.status = ""
            self.run.skip(self.clock.now())

    def back(self) -> None:
        """Go back one step."""
        if self.run is not None:
            self.status = ""
            self.run.back(self.clock.now())

    def repeat(self) -> None:
        """Do the set again."""
        if self.run is not None:
            self.status = "Again, from the top of the set."
            self.run.repeat(self.clock.now())

    def done(self) -> None:
        """End the current set (only a set can be ended)."""
        if self.run is not None:
            ended = self.run.done(self.clock.now())
            self.status = "" if ended else "d ends a set; this is not one (n skips it)."

    def hurt(self) -> None:
        """Mark the current drill as hurting and pause."""
        if self.run is not None:
            name = printable(self.drills[self.run.hurt(self.clock.now())].name)
            self.status = (f"! Noted: {name} hurt. Paused. Skip it (n) or go gentler "
                           "(space); next time it will be eased.")

    def hold(self) -> bool:
        """Pause while the stop question is asked; True if the run was going."""
        run = self.run
        if run is None:
            return False
        was_running = not run.paused
        run.pause(self.clock.now())
        return was_running

    def answer_stop(self, stop: bool, was_running: bool) -> None:
        """Stop the run early, or carry on as it was before the question."""
        if self.run is None:
            return
        if stop:
            self.run.stop(self.clock.now())
        elif was_running:
            self.run.resume(self.clock.now())

    # --- time -------------------------------------------------------------------------

    @property
    def timed_running(self) -> bool:
        """Whether a timed step is counting down (the only time the display changes alone)."""
        run = self.run
        return run is not None and run.running and run.step.timed

    def after_change(self) -> None:
        """Save the run and note where it stands (the bell counts from here)."""
        run = self.run
        if run is None:
            return
        self.save()
        if not run.finished:
            self._last_seen = (run.index, run.remaining(self.clock.now()))

    def tick(self) -> Tick | None:
        """Read the clock: move past steps whose time is up; None if no run is going."""
        run = self.run
        if run is None or run.finished:
            return None
        now = self.clock.now()
        index, left_before = self._last_seen
        moved = run.tick(now)
        left = run.remaining(now)
        ring = (not moved and index == run.index and left_before is not None
                and left is not None and rings_between(run.step, left_before, left))
        self._last_seen = (run.index, left)
        return Tick(moved, ring)

    # --- the end ----------------------------------------------------------------------

    def log(self, pain_before: int | None, pain_after: int | None, note: str) -> bool:
        """Write the ended run to the journal and end the saved run, both or neither; then
        forget the run. False (and said) if it could not be written."""
        run = self.run
        if run is None:
            return False
        entry = session_entry(
            run, self.clock.now(), self.clock.local_tz(), pain_before=pain_before,
            pain_after=pain_after, note=note,
        )
        db = self.store.db
        try:
            with db.write():
                journal_repo.add_entry(db, entry)
                save_state(db, ROUTINE, RoutineState())
        except (StoreError, OSError) as error:
            self.warn(f"The session could not be saved to the log: {error}")
            return False
        self.run = None
        self.saved = RoutineState()
        return True
