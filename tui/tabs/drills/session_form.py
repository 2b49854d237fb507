"""The end-of-routine form: pain before and after (0-10) and a note, checked beside each field."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

from tui.domain.journal import NOTE_MAX
from tui.widgets.safe_text import SafeInput, cleaned

FIELDS = {
    "pain-before": "Pain before (0-10)",
    "pain-after": "Pain after (0-10)",
    "session-note": "Note (optional)",
}


@dataclass(frozen=True)
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


class SessionForm(Vertical):
    """Ask how the foot feels; posts `Saved` with checked answers or `Discarded`."""

    class Saved(Message):
        """The answers are valid and should go to the log."""

        def __init__(self, answers: SessionAnswers) -> None:
            super().__init__()
            self.answers = answers

    class Discarded(Message):
        """The runner chose not to log this session."""

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

    def reset(self, summary: Text) -> None:
        """Empty the fields, clear errors and show a summary of the run (its routine name
        may come from routines.toml: shown through `printable`)."""
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
        """Post Saved if every field is good."""
        try:
            answers = self.answers()
        except ValueError:
            self.notify("Check the marked fields; nothing was saved yet.", severity="warning")
            return
        self.post_message(self.Saved(answers))

    @on(Button.Pressed, "#form-discard")
    def _discard(self) -> None:
        self.post_message(self.Discarded())
