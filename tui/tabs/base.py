"""The base class of the four tab panes: access to app services and the hooks the app calls."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.containers import Vertical

if TYPE_CHECKING:
    from tui.app import FootpainApp


class Pane(Vertical):
    """One tab's content. Panes show and route; the domain modules decide."""

    PALETTE: ClassVar[list[tuple[str, str, str]]] = []
    """Command palette entries: (title, help, action name on this pane)."""

    @property
    def fp(self) -> FootpainApp:
        """The running FootpainApp (content, store, clock, settings)."""
        return cast("FootpainApp", self.app)

    async def finish_mounting(self) -> None:
        """Mount what the pane left out of its first frame; the app calls this just after
        start-up (and before showing the keys screen)."""

    def on_journal_loaded(self) -> None:
        """Called when the journal read in the background at start-up is in memory."""

    def flush(self) -> None:
        """Save anything held in memory; called on quit, hang-up and SIGTERM."""

    def on_shown(self) -> None:
        """Called when the pane's tab becomes active."""

    def on_settings_changed(self) -> None:
        """Called after the user saved new settings."""

    def on_data_changed(self) -> None:
        """Called when someone (this app, another copy, the CLI) committed to the database."""

    def focus_first(self) -> None:
        """Put the focus on the first focusable widget inside the pane."""
        for widget in self.query("*"):
            if widget.focusable and widget.display:
                self.screen.set_focus(widget)  # at once: widget.focus() waits a turn
                return
