"""Ask before stopping a timer early: y/Enter stops it, n/Esc keeps it running."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from tui.screens.quiet import QuietModal


class ConfirmStopModal(QuietModal[bool]):
    """A one-question dialog; dismisses with True to stop."""

    BINDINGS = [
        Binding("y,enter", "answer(True)", "Stop it", id="confirm_stop.yes"),
        Binding("n,escape", "answer(False)", "Keep going", id="confirm_stop.no"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        """The question and the two keys."""
        with Vertical(id="confirm-stop-box"):
            yield Static(self.question, markup=False)
            yield Static("y / Enter: stop    n / Esc: keep going", classes="disclaimer")

    def action_answer(self, stop: bool) -> None:
        """Close with the answer."""
        self.dismiss(stop)
