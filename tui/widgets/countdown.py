"""A countdown display: big digits, a status line, a progress bar and two info lines.

It only shows what it is given (methods down); the pane owns the timer and the clock. Each
setter compares with what is on screen first, so a tick that changes nothing sends no bytes.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, ProgressBar, Static

STATES = ("-idle", "-running", "-paused", "-last-minute", "-done")


class CountdownPanel(Horizontal):
    """Digits on the left; headline, progress bar and two info lines on the right."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        """The digits and the text column."""
        yield Digits("00:00", classes="countdown-digits")
        with Vertical(classes="countdown-text"):
            yield Static("", classes="countdown-headline", markup=False)
            yield ProgressBar(
                total=1.0, show_eta=False, show_percentage=False, classes="countdown-bar"
            )
            yield Static("", classes="countdown-line1", markup=False)
            yield Static("", classes="countdown-line2", markup=False)

    def _changed(self, key: str, value: object) -> bool:
        """Remember value under key; True if it differs from what is shown."""
        if self._shown.get(key) == value:
            return False
        self._shown[key] = value
        return True

    def show(
        self, *, face: str, state: str, headline: str | Text, progress: float,
        line1: str | Text, line2: str | Text,
    ) -> None:
        """Put these values on screen, touching only the parts that changed."""
        if self._changed("face", face):
            self.query_one(Digits).update(face)
        if self._changed("state", state):
            self.remove_class(*STATES)
            self.add_class(state)
        for name, value in (("headline", headline), ("line1", line1), ("line2", line2)):
            if self._changed(name, str(value)):
                self.query_one(f".countdown-{name}", Static).update(value)
        # One cell of a ~40-cell bar is 2.5%: finer updates only cost bytes.
        step = round(progress * 200) / 200
        if self._changed("progress", step):
            self.query_one(ProgressBar).update(progress=step)
