"""The running routine in the Drills pane: the keys, the 1 s refresh and the bell.

A mixin for `DrillsPane` (kept apart so each module reads in one sitting). Every key
applies one event to the `RoutineRun` with the time now, then the run is saved and drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from tui.domain.routine_plan import rings_between
from tui.domain.text import printable
from tui.screens.choice import ChoiceModal
from tui.tabs.drills.routine_player import RoutinePlayer

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui.domain.routine import RoutineRun


class DrillsPlayerMixin:
    """Keys and refresh for a running routine."""

    _run: RoutineRun | None
    _ticker: Timer | None
    _last_seen: tuple[int, float | None]
    _status: str

    def _event(self, apply: Callable[[RoutineRun, datetime], None]) -> None:
        """Apply one key to the run, then save, redraw and re-time the refresh."""
        if self._run is None:
            return
        apply(self._run, self.fp.clock.now())
        self._changed(restart_ticker=True)

    def action_pause(self) -> None:
        """Pause or carry on."""
        self._status = ""
        self._event(lambda run, now: run.toggle_pause(now))

    def action_skip(self) -> None:
        """Skip to the next step."""
        self._status = ""
        self._event(lambda run, now: run.skip(now))

    def action_back(self) -> None:
        """Go back one step."""
        self._status = ""
        self._event(lambda run, now: run.back(now))

    def action_repeat(self) -> None:
        """Do the set again."""
        self._status = "Again, from the top of the set."
        self._event(lambda run, now: run.repeat(now))

    def action_done(self) -> None:
        """End the current set."""
        def done(run: RoutineRun, now: datetime) -> None:
            if not run.done(now):
                self._status = "d ends a set; this is not one (n skips it)."
            else:
                self._status = ""
        self._event(done)

    def action_hurt(self) -> None:
        """Mark the current drill as hurting and pause."""
        def hurt(run: RoutineRun, now: datetime) -> None:
            name = printable(self._drills[run.hurt(now)].name)
            self._status = (f"! Noted: {name} hurt. Paused. Skip it (n) or go gentler "
                            "(space); next time it will be eased.")
        self._event(hurt)

    def action_stop(self) -> None:
        """Ask, then stop early and go to the form."""
        run = self._run
        if run is None:
            return
        was_running = not run.paused
        run.pause(self.fp.clock.now())
        self._changed()
        question = "Stop the routine now? The sets you did can still go in the log."
        choices = [("stop", "Stop", "s"), ("cancel", "Keep going", "k")]

        def answer(choice: str | None) -> None:
            if self._run is not run:
                return
            if choice == "stop":
                run.stop(self.fp.clock.now())
            elif was_running:
                run.resume(self.fp.clock.now())
            self._changed(restart_ticker=True)

        self.app.push_screen(ChoiceModal("Stop?", question, choices), answer)

    def _changed(self, restart_ticker: bool = False) -> None:
        """After any change: save, draw, and run the 1 s refresh only while time moves."""
        run = self._run
        if run is None:
            return
        self._save_state()
        if run.finished:
            self._stop_ticker()
            self._to_form()
            return
        self._last_seen = (run.index, run.remaining(self.fp.clock.now()))
        self._draw()
        if restart_ticker:
            self._stop_ticker()
        if run.running and run.step.timed:
            if self._ticker is None:
                self._ticker = self.set_interval(1.0, self.tick)
        else:
            self._stop_ticker()

    def tick(self) -> None:
        """Once a second while a timed step runs: read the clock, move on, ring, redraw."""
        run = self._run
        if run is None or run.finished:
            self._stop_ticker()
            return
        now = self.fp.clock.now()
        index, left_before = self._last_seen
        changed = run.tick(now)
        left = run.remaining(now)
        if not changed and index == run.index and left_before is not None and left is not None:
            if rings_between(run.step, left_before, left) and self.fp.settings.bell:
                self.app.bell()
        self._last_seen = (run.index, left)
        if changed:
            self._changed()
        else:
            self._draw()

    def _draw(self) -> None:
        if self._run is not None:
            self.query_one(RoutinePlayer).show(self._run, self.fp.clock.now(), self._status)

    def _stop_ticker(self) -> None:
        if self._ticker is not None:
            self._ticker.stop()
            self._ticker = None

    @property
    def ticking(self) -> bool:
        """Whether the 1 s refresh is on (tests check it is off when idle)."""
        return self._ticker is not None
