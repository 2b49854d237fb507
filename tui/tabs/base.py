"""What every tab is built on: the services the App hands it, the signals it may subscribe
to, the messages it sends the App, and the few hooks the App calls.

The contract between the App and a tab, in full:

- **Services** (`Pane.services`, given to the constructor): the store, the clock, the
  content, the settings, the shared journal, `warn` for a data problem, and three Textual
  `Signal`s: `data_changed` (anyone committed to the database: this app, another copy, the
  CLI), `settings_changed` (the user saved settings) and `journal_loaded` (the journal read
  in the background at start-up is in). A pane subscribes by defining the matching method
  (`reload_data`, `apply_settings`, `use_journal`); `Pane` subscribes it when mounted.
- **Messages to the App**: `ShowTab`, `DrillsRequested` and `TimerLine` (the compact
  timer text the App shows in the header on the other tabs). A tab never imports another
  tab (an import-linter contract); the App routes such requests.
- **Hooks the App calls** (verbs): `tab_shown` when the tab becomes active,
  `save_pending` on quit, hang-up and SIGTERM, and `finish_mounting` just after start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.events import Mount
from textual.message import Message
from textual.signal import Signal
from textual.widgets import TabbedContent, TabPane

if TYPE_CHECKING:
    from tui.domain.clock import Clock
    from tui.domain.content import Content
    from tui.domain.settings import Settings
    from tui.store import Store
    from tui.store.records import JournalSource


class Services:
    """What a tab may use of the app. The App builds one and gives it to every pane."""

    def __init__(
        self,
        owner: DOMNode,
        *,
        store: Store,
        clock: Clock,
        content: Content,
        config_dir: Path,
        environ: Mapping[str, str],
        settings: Callable[[], Settings],
        journal_source: Callable[[], JournalSource],
        warn: Callable[[str], None],
        keep_settings: Callable[[Settings], None] | None = None,
    ) -> None:
        self.store = store
        """The data folder's database and the settings file (`tui.store`)."""
        self.clock = clock
        """Wall time, local dates and monotonic time (a fake one in tests)."""
        self.content = content
        """The validated knowledge base."""
        self.config_dir = config_dir
        """Where the runner's own routines.toml lives."""
        self.environ = environ
        """The environment the app runs in (SSH, tmux, NO_COLOR decide some behaviour)."""
        self.warn = warn
        """Tell the runner about a data problem (a notice, and the log file)."""
        self._settings = settings
        self._keep_settings = keep_settings
        self._journal_source = journal_source
        self.data_changed: Signal[None] = Signal(owner, "data-changed")
        """Published when anyone committed to the database."""
        self.settings_changed: Signal[Settings] = Signal(owner, "settings-changed")
        """Published with the new settings after the runner saved them."""
        self.journal_loaded: Signal[None] = Signal(owner, "journal-loaded")
        """Published when the journal read in the background at start-up is in memory."""

    @property
    def settings(self) -> Settings:
        """The runner's settings, loaded and validated on first use."""
        return self._settings()

    @settings.setter
    def settings(self, value: Settings) -> None:
        """Settings a tab just saved (Triage's age question): the App holds them from now on,
        and the other tabs hear of them."""
        if self._keep_settings is None:
            raise AttributeError("these services cannot change the settings")
        self._keep_settings(value)
        self.settings_changed.publish(value)

    @property
    def journal_source(self) -> JournalSource:
        """The journal as last read or written, shared by every tab (one copy in memory)."""
        return self._journal_source()


class ShowTab(Message):
    """A tab asks the App to show another tab."""

    def __init__(self, tab_id: str) -> None:
        super().__init__()
        self.tab_id = tab_id


class DrillsRequested(Message):
    """Triage asks the App to open the Drills tab with these drills picked out."""

    def __init__(self, drill_ids: list[str]) -> None:
        super().__init__()
        self.drill_ids = drill_ids


class TimerLine(Message):
    """A tab's timer as one short line ("ice 12:41"), or None when it stops; the App shows
    it in the header while another tab is on screen. Sent only when the text changes."""

    def __init__(self, text: str | None) -> None:
        super().__init__()
        self.text = text


_SUBSCRIPTIONS = (
    ("data_changed", "reload_data"),
    ("settings_changed", "apply_settings"),
    ("journal_loaded", "use_journal"),
)
"""Each signal of `Services` and the pane method that, when defined, receives it."""


class Pane(Vertical):
    """One tab's content. Panes show and route; the domain modules decide."""

    PALETTE: ClassVar[list[tuple[str, str, str]]] = []
    """Command palette entries: (title, help, action name on this pane)."""

    def __init__(self, services: Services, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.services = services
        """Everything the tab uses of the app (see `Services`)."""

    @on(Mount)
    def _subscribe(self) -> None:
        """Subscribe the signal methods this pane defines."""
        for signal_name, method in _SUBSCRIPTIONS:
            callback = getattr(self, method, None)
            if callback is not None:
                signal: Signal[Any] = getattr(self.services, signal_name)
                signal.subscribe(self, callback)

    def is_shown(self) -> bool:
        """Whether this pane's tab is the active one."""
        try:
            tab = self.query_ancestor(TabPane)
            return self.query_ancestor(TabbedContent).active == tab.id
        except Exception:  # noqa: BLE001 - not in a tab (a test mounting it alone)
            return True

    async def finish_mounting(self) -> None:
        """Mount what the pane left out of its first frame; the app calls this just after
        start-up (and before showing the keys screen)."""

    def save_pending(self) -> None:
        """Save anything held in memory; called on quit, hang-up and SIGTERM."""

    def tab_shown(self) -> None:
        """Called when the pane's tab becomes active."""

    def focus_first(self) -> None:
        """Put the focus on the first focusable widget inside the pane."""
        for widget in self.query("*"):
            if widget.focusable and widget.display:
                self.screen.set_focus(widget)  # at once: widget.focus() waits a turn
                return
