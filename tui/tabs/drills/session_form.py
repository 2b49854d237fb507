"""The end-of-routine form: what the run did, then pain before and after (0-10) and a note,
checked beside each field. Save logs the session through the `RoutineController`; Esc (or
"Don't log") asks before leaving it out. Either way the form posts `Closed`.

A run the wall clock went back on was stopped by `RoutineRun.tick` and comes here like one
stopped early, with a line saying the clock changed; the user logs it or not, as usual, and
its end is never before its start (`tui.domain.drill_log.session_entry`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

from tui.domain.content import Drill
from tui.domain.frozen import frozen
from tui.domain.journal import NOTE_MAX
from tui.domain.routine import RoutineRun
from tui.domain.text import printable
from tui.screens.choice import ChoiceModal
from tui.tabs.drills.controller import RoutineController
from tui.tabs.drills.overview import SILBERNAGEL_CEILING
from tui.tabs.drills.questions import DONT_LOG
from tui.widgets.safe_text import SafeInput, cleaned

FIELDS = {
    "pain-before": "Pain before (0-10)",
    "pain-after": "Pain after (0-10)",
    "session-note": "Note (optional)",
}


@frozen()
class SessionAnswers:
    """What the runner typed, checked: pains are 0-10 or left empty."""

    pain_before: int | None
    pain_after: int | None
    note: str


def parse_pain(raw: str) -> int | None:
    """A pain score from text: empty means not given; else a whole number 0-10 (ValueError)."""
    raw = raw.strip()
    if not raw:
        return None
    if not raw.isdigit() or not 0 <= int(raw) <= 10:
        raise ValueError("type a whole number from 0 (none) to 10 (worst), or leave it empty")
    return int(raw)


def run_summary(run: RoutineRun, drills: Mapping[str, Drill], now: datetime) -> Text:
    """What the ended run did: finished or stopped, sets and minutes, what hurt."""
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
        names = ", ".join(printable(drills[i].name) for i in run.hurt_drills)
        summary.append(f"\n! That hurt: {names} (eased next time)")
    summary.append("\nHow is the foot? Leave a score empty if you are not sure.")
    return summary


def saved_message(pain_after: int | None) -> str:
    """What to say once the session is in the log (a warning if it hurt too much after)."""
    message = "Saved to the log."
    if pain_after is not None and pain_after > SILBERNAGEL_CEILING:
        message += (f" Pain {pain_after}/10 after is above the safe ceiling of 5: ease off "
                    "next time, and see someone if it keeps happening.")
    return message


class SessionForm(Vertical):
    """Ask how the foot feels, then log the run or leave it out; posts `Closed`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "discard", "Don't log", id="drills.form_discard"),
    ]

    class Closed(Message):
        """The session is in the log (`logged`), or the runner chose to leave it out."""

        def __init__(self, logged: bool) -> None:
            super().__init__()
            self.logged = logged

    def __init__(self, routine: RoutineController, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.routine = routine
        """The run that ended, and where it is logged."""

    def compose(self) -> ComposeResult:
        """A summary, three fields with room for an error each, and two buttons."""
        yield Static("", id="form-summary", markup=False)
        for field_id, label in FIELDS.items():
            with Horizontal(classes="form-row"):
                yield Label(label, classes="form-label")
                limit = NOTE_MAX if field_id == "session-note" else 2
                yield SafeInput(
                    id=field_id, max_length=limit, classes="form-input", compact=True
                )
            error = Static("", id=f"{field_id}-error", classes="form-error", markup=False)
            error.display = False
            yield error
        yield Static(
            "0 none · 1-3 mild · 4-6 moderate · 7-10 severe. During drills up to about 3 is "
            "fine and 5 is the ceiling (Silbernagel 2007).",
            id="form-scale",
            markup=False,
        )
        with Horizontal(id="form-buttons"):
            yield Button("Save to log", id="form-save", variant="primary")
            yield Button("Don't log", id="form-discard")

    def open(self, now: datetime) -> None:
        """Empty the fields, clear errors and sum up the run that ended (its routine name
        may come from routines.toml: shown through `printable`)."""
        run = self.routine.run
        if run is None:
            return
        summary = run_summary(run, self.routine.drills, now)
        self.query_one("#form-summary", Static).update(cleaned(summary))
        for field_id in FIELDS:
            self.query_one(f"#{field_id}", Input).value = ""
            self._error(field_id, "")

    def answers(self) -> SessionAnswers:
        """Check every field; show errors beside the bad ones and raise ValueError if any."""
        values: dict[str, int | None] = {}
        bad = False
        for field_id in ("pain-before", "pain-after"):
            try:
                values[field_id] = parse_pain(self.query_one(f"#{field_id}", Input).value)
                self._error(field_id, "")
            except ValueError as error:
                self._error(field_id, f"↑ {error}")
                bad = True
        note = self.query_one("#session-note", Input).value.strip()
        if len(note) > NOTE_MAX:
            self._error("session-note", f"↑ keep it under {NOTE_MAX} characters")
            bad = True
        if bad:
            raise ValueError("some fields need fixing")
        return SessionAnswers(values["pain-before"], values["pain-after"], note)

    def answers_or_partial(self) -> SessionAnswers:
        """The valid answers, leaving out any field that is wrong (for saving on quit)."""
        pains: dict[str, int | None] = {}
        for field_id in ("pain-before", "pain-after"):
            try:
                pains[field_id] = parse_pain(self.query_one(f"#{field_id}", Input).value)
            except ValueError:
                pains[field_id] = None
        note = self.query_one("#session-note", Input).value.strip()[:NOTE_MAX]
        return SessionAnswers(pains["pain-before"], pains["pain-after"], note)

    def _error(self, field_id: str, message: str) -> None:
        error = self.query_one(f"#{field_id}-error", Static)
        error.update(message)
        error.display = bool(message)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter in a field moves on to the next; in the note it saves."""
        event.stop()
        if event.input.id == "session-note":
            self.save()
        else:
            self.app.action_focus_next()

    @on(Button.Pressed, "#form-save")
    def save(self) -> None:
        """Log the session if every field is good (a data problem is said, the form stays)."""
        try:
            answers = self.answers()
        except ValueError:
            self.notify("Check the marked fields; nothing was saved yet.", severity="warning")
            return
        if self.routine.log(answers.pain_before, answers.pain_after, answers.note):
            self.notify(saved_message(answers.pain_after), timeout=8)
            self.post_message(self.Closed(logged=True))

    def log_as_it_stands(self) -> None:
        """Log the session with the valid answers only (on quit or hang-up)."""
        answers = self.answers_or_partial()
        self.routine.log(answers.pain_before, answers.pain_after, answers.note)

    @on(Button.Pressed, "#form-discard")
    def action_discard(self) -> None:
        """Ask "Don't log?"; on a yes forget the run (the form stays as it was on a no)."""
        question = DONT_LOG

        def answer(choice: str | None) -> None:
            if choice == question.go:
                self.routine.discard_saved()
                self.notify("Not logged.", timeout=3)
                self.post_message(self.Closed(logged=False))

        self.app.push_screen(ChoiceModal(question.title, question.text, question.choices),
                             answer)
