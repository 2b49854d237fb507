"""The end of a drills run: the form, saving the session to the journal, and saving on quit.

A run the wall clock went back on is stopped by `RoutineRun.tick` and comes here like one
stopped early, with a line saying the clock changed; the user logs it or not, as usual, and
its end is never before its start (`tui.domain.drill_log.session_entry`).

A mixin for `DrillsPane` (kept apart so each module reads in one sitting).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from rich.text import Text

from tui.domain.drill_log import session_entry
from tui.domain.routine import RoutineState
from tui.domain.text import printable
from tui.screens.choice import ChoiceModal
from tui.store import StoreError
from tui.store import journal as journal_repo
from tui.store.state import ROUTINE, save_state
from tui.tabs.drills.session_form import SessionAnswers, SessionForm

if TYPE_CHECKING:
    from tui.domain.routine import RoutineRun

log = logging.getLogger(__name__)
PAIN_CEILING = 5


class DrillsSessionMixin:
    """Form handling and journal writes for the Drills pane.

    Handlers use `on_*` names, not `@on`: Textual collects `@on` only from the widget class.
    """

    _run: RoutineRun | None
    _saved: RoutineState

    def _to_form(self) -> None:
        """Show the form with a summary of the run that just ended."""
        run = self._run
        if run is None:
            return
        now = self.fp.clock.now()
        work = [i for i, s in enumerate(run.steps) if s.kind == "work"]
        done = len([i for i in work if i in run.done_steps])
        head = "✓ Finished" if run.completed else ("■ Stopped early" if run.stopped else "Ended")
        if run.stopped_by_clock:
            head = "! Stopped: the clock changed"
        summary = Text(f"{head}: {printable(run.routine.name)}", style="bold")
        minutes = run.active_seconds(now) / 60
        summary.append(f"\nSets done: {done} of {len(work)} · {minutes:.1f} min of exercise")
        if run.stopped_by_clock:
            summary.append("\nThe computer's clock went back during the routine, so its "
                           "timings cannot be trusted; the minutes may be short.")
        if run.hurt_drills:
            names = ", ".join(printable(self._drills[i].name) for i in run.hurt_drills)
            summary.append(f"\n! That hurt: {names} (eased next time)")
        summary.append("\nHow is the foot? Leave a score empty if you are not sure.")
        self._show("drills-form")
        self.query_one(SessionForm).reset(summary)
        self.focus_first()
        self.refresh_bindings()

    def action_save_session(self) -> None:
        """Check the form and save (Ctrl+S)."""
        self.query_one(SessionForm).save()

    def on_session_form_saved(self, event: SessionForm.Saved) -> None:
        event.stop()
        if self._log(event.answers):
            after = event.answers.pain_after
            message = "Saved to the log."
            if after is not None and after > PAIN_CEILING:
                message += (f" Pain {after}/10 after is above the safe ceiling of 5: ease off "
                            "next time, and see someone if it keeps happening.")
            self.notify(message, timeout=8)

    def _log(self, answers: SessionAnswers) -> bool:
        """Write the session to the journal and forget the run; False if it could not."""
        run = self._run
        if run is None:
            return False
        clock = self.fp.clock
        entry = session_entry(
            run, clock.now(), clock.local_tz(), pain_before=answers.pain_before,
            pain_after=answers.pain_after, note=answers.note,
        )
        db = self.fp.store.db
        try:
            with db.write():  # the entry and the end of the saved run: both or neither
                journal_repo.add_entry(db, entry)
                save_state(db, ROUTINE, RoutineState())
        except (StoreError, OSError) as error:
            self.fp.warn(f"The session could not be saved to the log: {error}")
            return False
        self._finish_and_return()
        return True

    def on_session_form_discarded(self, event: SessionForm.Discarded) -> None:
        event.stop()
        question = "Leave this session out of the log? The streak will not count it."
        choices = [("discard", "Don't log", "d"), ("cancel", "Back to the form", "b")]

        def answer(choice: str | None) -> None:
            if choice == "discard":
                self._finish_and_return()
                self.notify("Not logged.", timeout=3)

        self.app.push_screen(ChoiceModal("Don't log?", question, choices), answer)

    def _finish_and_return(self) -> None:
        """Forget the run and its saved state, and show the overview."""
        self._run = None
        self._saved = RoutineState()
        self._keep(self._saved)
        self._show("drills-overview")
        self._refresh_overview()

    def flush(self) -> None:
        """On quit or hang-up: keep the run to carry on, or log an ended one as it stands."""
        run = self._run
        if run is None:
            return
        if run.finished and self.mode == "form":
            self._log(self.query_one(SessionForm).answers_or_partial())
            return
        self._saved = run.to_state(self.fp.clock.now())
        self._keep(self._saved)
