"""The yardstick: a bare Textual app shaped like footpain's shell, with nothing of ours in it.

Header, four TabPanes of static text and a Footer; keys 1-4 switch tabs and q quits, as in
footpain. On the second tab, `t` starts a Digits countdown that recomputes the remaining time
from a deadline and redraws once a second: the smallest honest ticking timer Textual can do.
Like footpain's "auto" setting, it turns animations off when SSH_CONNECTION or SSH_TTY is set,
so the two apps are compared under the same SSH defaults.

Run it on its own with `python bench/bare_app.py`.
"""

from __future__ import annotations

import os
import time

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Digits, Footer, Header, Static, TabbedContent, TabPane

TABS = ("one", "two", "three", "four")
COUNTDOWN_SECONDS = 15 * 60


class BareApp(App[None]):
    """Four tabs and a footer; one optional 1 Hz countdown."""

    BINDINGS = [
        Binding("1", "tab('one')", "One", show=False),
        Binding("2", "tab('two')", "Two", show=False),
        Binding("3", "tab('three')", "Three", show=False),
        Binding("4", "tab('four')", "Four", show=False),
        Binding("t", "start_countdown", "Countdown", show=False),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self) -> None:
        """Honour the same SSH default as footpain: no animations over SSH."""
        super().__init__()
        if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
            self.animation_level = "none"
        self._deadline = 0.0
        self._ticker = None

    def compose(self) -> ComposeResult:
        """Header, four tabs of text, footer."""
        yield Header(icon="")
        with TabbedContent(id="tabs"):
            for number, name in enumerate(TABS, start=1):
                with TabPane(f"{number} Tab {name}", id=name):
                    yield Static(f"This is tab {name}.\n" + f"Some text on tab {name}.\n" * 8)
                    if name == "two":
                        yield Digits("15:00", id="countdown")
        yield Footer()

    def action_tab(self, name: str) -> None:
        """Show one tab."""
        self.query_one(TabbedContent).active = name

    def action_start_countdown(self) -> None:
        """Start (or restart) the countdown: remaining = deadline - now, drawn at 1 Hz."""
        self._deadline = time.monotonic() + COUNTDOWN_SECONDS
        if self._ticker is None:
            self._ticker = self.set_interval(1.0, self._tick)
        self._tick()

    def _tick(self) -> None:
        remaining = max(0, round(self._deadline - time.monotonic()))
        self.query_one("#countdown", Digits).update(f"{remaining // 60:02d}:{remaining % 60:02d}")
        if remaining == 0 and self._ticker is not None:
            self._ticker.stop()
            self._ticker = None


if __name__ == "__main__":
    BareApp().run()
