"""How the First aid tab reaches the user outside the screen: toast, bell, desktop
notification and the terminal title, each as the settings allow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.notify import POP_TITLE, PUSH_TITLE, notification_escapes, title_escape
from tui.widgets._textual_compat import write_to_terminal

if TYPE_CHECKING:
    from textual.app import App

    from tui.tabs.base import Services


class TerminalSignals:
    """Alerts and the window title for one app; escapes go through Textual's driver."""

    def __init__(self, app: App[object], services: Services) -> None:
        self.app = app
        self.services = services
        self._title_shown: str | None = None

    def write(self, sequence: str) -> None:
        """Send raw escapes through the driver, as Textual's copy_to_clipboard does."""
        write_to_terminal(self.app, sequence)

    def alert(self, title: str, body: str) -> None:
        """Toast always; bell and desktop notification when switched on in settings."""
        settings = self.services.settings
        self.app.notify(body, title=title, timeout=15, markup=False)
        if settings.bell:
            self.app.bell()
        if settings.notifications:
            self.write(notification_escapes(f"footpain: {title}", body, self.services.environ))

    def set_title(self, title: str | None) -> None:
        """Show `title` in the terminal title (saving the old one); None gives it back."""
        if title == self._title_shown:
            return
        if title is None:
            self.write(title_escape("footpain") + POP_TITLE)
        else:
            prefix = PUSH_TITLE if self._title_shown is None else ""
            self.write(prefix + title_escape(title))
        self._title_shown = title
