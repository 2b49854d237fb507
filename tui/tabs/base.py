"""What every tab is built on: the services the App hands it, the signals it may subscribe
to, the messages it sends the App, and the few hooks the App calls.

The contract between the App and a tab, in full:

- **Services** (`Pane.services`, given to the constructor): the store, the clock, the
  content, the settings, the shared journal, `warn` for a data problem, and three Textual
  `Signal`s: `data_changed` (anyone committed to the database: this app, another copy, the
  CLI), `settings_changed` (the user saved settings) and `journal_loaded` (the journal read
  in the background at start-up is in). A pane subscribes by defining the matching method
  (`reload_data`, `apply_settings`, `use_journal`); `Pane` subscribes it when mounted.
  And `heartbeat`, the app's one 1 Hz timer, which a pane joins while its countdown runs
  (`Pane.tick_every_second`); it leaves on its own when unmounted.
- **Messages to the App**: `ShowTab` and `DrillsRequested`; and `Services.timer_line`, a
  call, for the compact timer text the App shows in the header on the other tabs. A tab
  never imports another tab (an import-linter contract); the App routes such requests.
- **Hooks the App calls** (verbs): `tab_shown` when the tab becomes active,
  `save_pending` on quit, hang-up and SIGTERM, and `finish_mounting` just after start-up.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.events import Mount, Unmount
from textual.message import Message
from textual.message_pump import MessagePump
from textual.signal import Signal
from textual.timer import Timer
from textual.widgets import TabbedContent, TabPane

if TYPE_CHECKING:
    from tui.domain.clock import Clock
    from tui.domain.content import Content
    from tui.domain.settings import Settings
    from tui.store import Store
    from tui.store.records import JournalSource


class Heartbeat:
    """The app's one 1 Hz timer, shared by everything that runs once a second.

    The App's database poll is always a member; a tab joins while its countdown runs. One
    timer instead of one per member: each Textual timer is its own task and its own wake-up
    of the event loop, and over a ticking countdown that overhead was more than the tick's
    own work (bench/RESULTS.md, issue 16). Members run in the order they joined.

    A member that joins `relaxed` (the database poll) is content with a beat every
    `relaxed_interval` while no other member runs: a change made by another program shows
    within 1.5 s instead of 1 s (still within the two seconds issue 15 asks of `footpain ice
    start` in another shell), and an idle app wakes a third less often (each wake-up was
    0.7 ms of CPU, where the bare Textual app's main thread wakes for nothing).

    A countdown joins `in_phase`: the timer restarts from that moment, so beats fall just
    after each whole second of the countdown it starts (the shown second changes on time and
    zero is noticed at once). With two countdowns running, the later one sets the phase and
    the other's display may lag its clock by up to a second; each reads the clock, so
    neither loses time. Restarts never starve the others: keys pressed faster than once a
    second (each re-phasing the drills) would keep putting the next beat off, so a restart
    a second or more after the last beat first gives the other members their beat.
    """

    def __init__(self, owner: MessagePump, interval: float = 1.0,
                 clock: Callable[[], float] = time.monotonic,
                 relaxed_interval: float = 1.5) -> None:
        self._owner = owner
        self._interval = interval
        self._relaxed_interval = relaxed_interval
        self._clock = clock
        self._members: dict[object, Callable[[], None]] = {}
        self._relaxed: set[object] = set()
        self._timer: Timer | None = None
        self._pace = interval
        """The running timer's interval."""
        self._last_beat = clock()
        """When the members were last called, or the timer first started (not restarted)."""

    def join(self, member: object, callback: Callable[[], None], *,
             in_phase: bool = False, relaxed: bool = False) -> None:
        """Call `callback` on every beat from now on (replacing any callback of `member`);
        `in_phase` restarts the beat from now; `relaxed`: a beat every `relaxed_interval`
        will do while only relaxed members run."""
        self._members[member] = callback
        if relaxed:
            self._relaxed.add(member)
        else:
            self._relaxed.discard(member)
        pace = self._wanted_pace()
        if self._timer is not None and (in_phase or pace != self._pace):
            self._timer.stop()  # restart, the others' wait counting on
            self._timer = None
            if self._clock() - self._last_beat >= pace:
                self._call(lambda other: other is not member)
        elif self._timer is None:  # a first start
            self._last_beat = self._clock()
        if self._timer is None:
            self._start(pace)

    def leave(self, member: object) -> None:
        """Stop calling `member`; the timer stops when nobody is left, and slows down when
        only relaxed members are."""
        self._members.pop(member, None)
        self._relaxed.discard(member)
        if self._timer is None:
            return
        if not self._members:
            self._timer.stop()
            self._timer = None
        elif self._wanted_pace() != self._pace:
            self._timer.stop()
            self._start(self._wanted_pace())

    def _wanted_pace(self) -> float:
        relaxed = self._members.keys() <= self._relaxed
        return self._relaxed_interval if relaxed else self._interval

    def _start(self, pace: float) -> None:
        self._pace = pace
        self._timer = self._owner.set_interval(pace, self.beat, name="heartbeat")

    def __contains__(self, member: object) -> bool:
        return member in self._members

    @property
    def running(self) -> bool:
        """Whether the timer runs (someone is a member)."""
        return self._timer is not None

    @property
    def pace(self) -> float | None:
        """Seconds between beats, or None when the timer is stopped."""
        return self._pace if self._timer is not None else None

    def beat(self) -> None:
        """One beat: call every member (a member that leaves meanwhile is skipped)."""
        self._call(lambda _member: True)

    def _call(self, which: Callable[[object], bool]) -> None:
        self._last_beat = self._clock()
        for member, callback in list(self._members.items()):
            if which(member) and self._members.get(member) is callback:
                callback()


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
        timer_line: Callable[[str | None], None] | None = None,
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
        self.timer_line: Callable[[str | None], None] = timer_line or (lambda _text: None)
        """Give the App a running timer as one short line ("ice 12:41"), or None when it
        stops; the App shows it in the header while another tab is on screen. Called only
        when the text changes, and directly: as a message it cost a trip through the App's
        queue every second."""
        self.data_changed: Signal[None] = Signal(owner, "data-changed")
        """Published when anyone committed to the database."""
        self.settings_changed: Signal[Settings] = Signal(owner, "settings-changed")
        """Published with the new settings after the runner saved them."""
        self.journal_loaded: Signal[None] = Signal(owner, "journal-loaded")
        """Published when the journal read in the background at start-up is in memory."""
        self.heartbeat = Heartbeat(owner)
        """The one 1 Hz timer: a pane joins it while a countdown runs (`Heartbeat`)."""

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

    def tick_every_second(self, callback: Callable[[], None] | None) -> None:
        """Run `callback` on the app's 1 Hz heartbeat from now (in phase with this moment),
        or stop with None."""
        if callback is None:
            self.services.heartbeat.leave(self)
        else:
            self.services.heartbeat.join(self, callback, in_phase=True)

    @property
    def ticking(self) -> bool:
        """Whether the pane is on the heartbeat (a countdown runs)."""
        return self in self.services.heartbeat

    @on(Unmount)
    def _leave_heartbeat(self) -> None:
        self.services.heartbeat.leave(self)

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

    async def finish_mounting(self, everything: bool = False) -> None:
        """Mount what the pane left out of its first frame; the app calls this just after
        start-up. `everything` (before the keys screen, which lists every binding): also
        what the pane otherwise mounts only when first needed."""

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
