"""The footpain App: four tabs, global keys, palette commands, theme and safe shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, TabbedContent, TabPane

from tui import paths
from tui.domain.appearance import THEMES, animations_enabled, peek_appearance
from tui.domain.clock import Clock
from tui.domain.content import Content
from tui.domain.text import printable
from tui.screens.quiet import QuietScreen
from tui.store import Store, StoreError
from tui.tabs import MOUNTED_WHEN_OPENED, PANES, Pane, pane_class
from tui.tabs.base import DrillsRequested, Services, ShowTab
from tui.themes import footpain_themes
from tui.widgets._textual_compat import (
    install_fatal_error_handler,
    lean_strip_caches,
    place_tab_underline,
    plain_key_characters,
    restyle_components_in_place,
)
from tui.widgets.footer import KeyBar
from tui.widgets.key_names import key_character, key_display
from tui.widgets.wire import squeezing_driver

if TYPE_CHECKING:  # records, imported after the first frame
    from textual.driver import Driver

    from tui.domain.settings import Settings
    from tui.store.records import JournalSource

log = logging.getLogger(__name__)


HIDDEN_PANES_DELAY = 0.6
"""Seconds after start-up before the tabs not on screen are mounted (sooner if asked for)."""


class FootpainApp(App[int]):
    """Triage, first aid, drills and the recovery log, for a runner's sore foot."""

    CSS_PATH = [
        "app.tcss", "tabs/triage/triage.tcss", "tabs/first_aid/first_aid.tcss",
        "tabs/drills/drills.tcss", "tabs/log/log.tcss",
    ]
    """The app's styles and each tab's, beside the tab's code."""
    TITLE = "footpain"
    SUB_TITLE = "general information, not a diagnosis"
    ENABLE_COMMAND_PALETTE = True
    AUTO_FOCUS = "#triage-pane *"
    """Start in the first tab's first question, so its keys work at once and the first frame
    is not painted again when the focus moves off the tab strip."""
    BINDINGS = [
        Binding("1", "key_tab('triage')", "Triage", show=False, id="tab.triage"),
        Binding("2", "key_tab('first-aid')", "First aid", show=False, id="tab.first_aid"),
        Binding("3", "key_tab('drills')", "Drills", show=False, id="tab.drills"),
        Binding("4", "key_tab('log')", "Log", show=False, id="tab.log"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("f2", "settings", "Settings", show=False, id="app.settings"),
        Binding("q", "key_quit", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        data_dir: Path,
        *,
        content: Content,
        clock: Clock | None = None,
        config_dir: Path | None = None,
        environ: Mapping[str, str] | None = None,
        after_first_frame: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__()
        self.after_first_frame = after_first_frame
        """Called once the first frame is out (`launch` turns the garbage collector back on)."""
        self.data_dir = data_dir
        self.config_dir = config_dir or paths.config_dir()
        self.content = content
        self.clock = clock or Clock()
        self.environ = dict(os.environ if environ is None else environ)
        self._ui_thread = threading.get_ident()
        """The thread the app runs on (it is built there): the database may warn from others."""
        self.store = Store(data_dir, self.config_dir, warn=self._report_from_any_thread)
        self.services = Services(
            self, store=self.store, clock=self.clock, content=content,
            config_dir=self.config_dir, environ=self.environ,
            settings=lambda: self.settings, journal_source=lambda: self.journal_source,
            warn=self.warn, keep_settings=self._keep_settings, timer_line=self._timer_line,
        )
        """What the tabs use of the app (`tui.tabs.base.Services`)."""
        self._startup_warnings: list[str] | None = []
        self._settings: Settings | None = None
        self._journal_source: JournalSource | None = None
        self._mounting = asyncio.Lock()
        self._started = asyncio.Event()
        """Set once start-up's deferred part is over (`wait_until_started`)."""
        self._journal_read = asyncio.Event()
        self._journal_read.set()
        """Clear while the journal is read in a thread at start-up."""
        self._panes: dict[str, Pane] = {}
        """Each tab's pane once built (`_new_pane`)."""
        self._hung_up = False
        self._timer_text: str | None = None
        """A tab's running timer as one short line (`Services.timer_line`), or None."""
        self._shown_early: Pane | None = None
        """The pane `action_show_tab` already brought up to date (TabActivated skips it)."""
        for theme in footpain_themes(self.console.color_system).values():
            self.register_theme(theme)
        # Paint the first frame with the theme and animations read leniently; the
        # whole settings file is validated (and repaired if need be) just after.
        try:
            look = peek_appearance(self.store.settings.read_data())
        except (StoreError, OSError):
            look = peek_appearance(None)
        self.theme = look.theme
        self._set_animations(animations_enabled(look.animations, self.environ))

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this platform, with every write squeezed (`tui.widgets.wire`):
        the same screen in about 40 % fewer bytes over the runner's SSH link.
        FOOTPAIN_RAW_OUTPUT=1 turns the squeezing off, to compare or to rule it out."""
        driver = super().get_driver_class()
        if os.environ.get("FOOTPAIN_RAW_OUTPUT", "") not in ("", "0"):
            return driver
        return squeezing_driver(driver)

    @property
    def journal_source(self) -> JournalSource:
        """The journal as last read or written, shared by every tab (one copy in memory)."""
        if self._journal_source is None:
            from tui.store.records import JournalSource

            self._journal_source = JournalSource(self.store, today=self.clock.today)
        return self._journal_source

    @property
    def settings(self) -> Settings:
        """The user's settings, loaded (and validated) on first use."""
        if self._settings is None:
            from tui.store.records import load_settings

            self._settings = load_settings(self.store, self._report)
            if self.theme != self._settings.theme:  # the file was repaired
                self.theme = self._settings.theme
            self._apply_animations()
        return self._settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self._settings = value

    def _keep_settings(self, value: Settings) -> None:
        self.settings = value

    def get_default_screen(self) -> Screen:
        """The tabs' screen: one that does not repaint all of itself when the focus moves
        (every tab switch moves it into the new tab)."""
        return QuietScreen(id="_default")

    def compose(self) -> ComposeResult:
        """Header, the four tabs, and the footer."""
        yield Header(icon="")
        with TabbedContent(id="tabs"):
            for number, (tab_id, title, spec) in enumerate(PANES, start=1):
                with TabPane(f"{number} {title}", id=tab_id):
                    if number == 1:  # the others are mounted just after the first frame
                        yield self._new_pane(tab_id, spec)
        yield KeyBar()

    def on_mount(self) -> None:
        """Install hang-up handlers and report any data file that had to be set aside."""
        try:
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGHUP, self._hang_up, "SIGHUP")
            loop.add_signal_handler(signal.SIGTERM, self._hang_up, "SIGTERM")
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread
            log.info("signal handlers not installed")
        for message in self._startup_warnings or []:
            self.warn(message)
        self._startup_warnings = None
        # The other tabs are mounted once the first frame is out: mounting them costs a
        # third of a second and a repaint, which need not delay what the user sees first.
        self.set_timer(HIDDEN_PANES_DELAY, self._finish_start_alongside)
        self._data_version: int | None = None
        self._data_error = ""
        # every second with any countdown, else every second and a half
        self.services.heartbeat.join(self, self._poll_data, relaxed=True)

    def _poll_data(self) -> None:
        """Tell the tabs when anyone committed to the database (`PRAGMA data_version` on an
        open connection, and a stat to notice a file another copy set aside). The first poll
        only takes note; a database that cannot be opened is logged once, not every second."""
        try:
            version = self.store.db.version()
        except StoreError as error:
            if str(error) != self._data_error:
                self._data_error = str(error)
                log.warning("cannot check the database for changes: %s", error)
            return
        self._data_error = ""
        if self._data_version is not None and version != self._data_version:
            self.services.data_changed.publish(None)
        self._data_version = version

    def _finish_start_alongside(self) -> None:
        """Run `finish_start` as a worker, beside the message loop: a key pressed meanwhile
        waits for the step under way, not for all of them."""
        self.run_worker(self._finish_start_and_say_so(), group="finish-start")

    async def _finish_start_and_say_so(self) -> None:
        """`finish_start`, then wait for the journal's read in its thread, then say so."""
        try:
            await self.finish_start()
            await self._journal_read.wait()
        finally:
            self._started.set()

    async def wait_until_started(self) -> None:
        """Wait for what start-up leaves until after the first frame (the other tabs, the
        journal read in a thread). Tests and the screenshots wait for it, so that what they
        show does not depend on how fast the machine is. Returns as well if the app stops
        meanwhile (an error, or quitting before 0.6 s): it will not finish starting then."""
        while not self._started.is_set() and self.is_running:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._started.wait(), 0.1)

    async def finish_start(self, every_tab: bool = False) -> None:
        """Load the settings, then mount what the first frame left out (the other tabs but
        those mounted when opened, unless `every_tab`; the rest of Triage). Runs once the
        first frame is out; anything that needs it sooner awaits it."""
        self.after_first_frame()
        self._poll_data()  # takes note of where the data is: later changes are news
        self.settings  # noqa: B018 - loads and applies them
        if self.journal_source.journal is None and not every_tab:
            # Parsing a long journal takes a while (0.2 s for ten years): in a thread, so the
            # tabs mount and keys work meanwhile; the tabs are told when it is in.
            self.journal_source.begin_preload()
            self._journal_read.clear()
            loop = asyncio.get_running_loop()
            self.run_worker(
                partial(self._preload_journal, loop), thread=True, group="journal-preload",
                exit_on_error=False,
            )
        for tab_id, _title, _spec in PANES:
            if tab_id in MOUNTED_WHEN_OPENED and not every_tab:
                continue
            if not self.is_running or not self.screen_stack:  # closing down
                return
            try:
                await (await self.pane(tab_id)).finish_mounting(everything=every_tab)
            except NoMatches:  # the screen is being taken down
                return

    def _preload_journal(self, loop: asyncio.AbstractEventLoop) -> None:
        """Worker thread: read the journal, then tell the tabs on the UI thread. A journal
        that cannot be read is left to the tabs, which report it as before."""
        try:
            try:
                self.journal_source.preload(
                    lambda message: self.call_from_thread(self.warn, message))
            except (StoreError, OSError) as error:
                log.warning("could not read the journal at start-up: %s", error)
            try:
                if self.is_running:
                    self.call_from_thread(self._journal_preloaded)
            except RuntimeError:  # the app closed meanwhile
                pass
        finally:  # whatever happened, the read is over
            with contextlib.suppress(RuntimeError):  # the loop is closed
                loop.call_soon_threadsafe(self._journal_read.set)

    def _journal_preloaded(self) -> None:
        # a pane still mounting is not subscribed yet: it reads the journal in its on_mount
        self.services.journal_loaded.publish(None)

    async def pane(self, tab_id: str) -> Pane:
        """The pane of a tab, importing and mounting it first if it is not there yet."""
        async with self._mounting:  # start-up's worker and a key may ask for the same tab
            pane = self._panes.get(tab_id)
            if pane is not None and pane.is_attached:
                return pane
            spec = next(spec for tid, _title, spec in PANES if tid == tab_id)
            pane = self._new_pane(tab_id, spec)
            await self.main_screen.query_one(f"#{tab_id}", TabPane).mount(pane)
            return pane

    def _new_pane(self, tab_id: str, spec: str) -> Pane:
        """A pane of the tab, kept by tab: every tab switch looks its pane up, and a query
        of the whole screen for it cost a few milliseconds of each switch."""
        pane = self._panes[tab_id] = pane_class(spec)(self.services, id=f"{tab_id}-pane")
        return pane

    # --- shared services for the panes -------------------------------------------------

    class DataNotice(Message):
        """Something the database did that the user should hear of (sent from any thread)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def _report_from_any_thread(self, message: str) -> None:
        """`_report`, from the UI thread or a worker. From a worker it is posted, never
        waited for: the worker may hold the database's opening lock, which the UI thread
        may be waiting on."""
        if threading.get_ident() == self._ui_thread:
            self._report(message)
        else:
            self.post_message(self.DataNotice(message))

    def on_footpain_app_data_notice(self, notice: DataNotice) -> None:
        """A notice posted from a worker thread."""
        self._report(notice.text)

    def _report(self, message: str) -> None:
        """Warn now, or once the app is mounted if it is not yet."""
        if self._startup_warnings is not None:
            self._startup_warnings.append(message)
        else:
            self.warn(message)

    def warn(self, message: str) -> None:
        """Tell the user about a data problem, and keep it in the log file."""
        log.warning(message)
        self.notify(printable(message, one_line=False), title="Data", severity="error",
                    timeout=20, markup=False)

    @property
    def main_screen(self) -> Screen:
        """The screen with the tabs, even while a modal screen or the palette is on top."""
        return self.screen_stack[0]

    def panes(self) -> list[Pane]:
        """The tab panes mounted so far, in tab order."""
        return [pane for tab_id, _title, _spec in PANES
                if (pane := self._panes.get(tab_id)) is not None and pane.is_attached]

    def flush_all(self) -> None:
        """Ask every pane to save whatever it holds that is not on disk yet."""
        for pane in self.panes():
            try:
                pane.save_pending()
            except Exception:  # a failing pane must not stop the others from saving
                log.exception("flush failed in %s", pane.id)

    def _hang_up(self, name: str) -> None:
        """The SSH link dropped (SIGHUP) or we were asked to stop (SIGTERM): save and go."""
        if self._hung_up:
            return
        self._hung_up = True
        log.info("%s received: saving and exiting", name)
        self.flush_all()
        # The terminal may be gone: Textual's writer thread can die on it and leave the
        # shutdown blocked for ever, event loop included. A plain thread ends the process then.
        watchdog = threading.Timer(3.0, os._exit, args=(0,))
        watchdog.daemon = True
        watchdog.start()
        self.exit(0)

    def _form_on_top(self) -> bool:
        """Whether a form or question is open over the tabs (it owns q and 1-4 then)."""
        return len(self.screen_stack) > 1

    async def action_key_quit(self) -> None:
        """q: save and quit, unless a form is open (a q typed there must not drop it)."""
        if not self._form_on_top():
            await self.action_quit()

    async def action_key_tab(self, tab_id: str) -> None:
        """1-4: switch tabs, unless a form or question is open on top."""
        if not self._form_on_top():
            await self.action_show_tab(tab_id)

    async def action_quit(self) -> None:
        """Save and quit."""
        self.flush_all()
        self.exit(0)

    # --- tabs, help, settings, theme --------------------------------------------------

    async def action_show_tab(self, tab_id: str) -> None:
        """Switch to a tab and put the focus inside it."""
        pane = await self.pane(tab_id)
        tabs = self.main_screen.query_one("#tabs", TabbedContent)
        if tabs.active != tab_id and pane.is_mounted:
            # Bring the pane up to date before the frame that shows it, not in a second
            # frame after TabActivated arrives (a switch to Drills painted twice: 1.5 KB more).
            self._shown_early = pane
            pane.tab_shown()
            place_tab_underline(tabs, tab_id)
        tabs.active = tab_id
        # Focus now, so a key typed right after the tab key ("2i" in one SSH packet) reaches
        # the new pane; and again after the refresh if the focus did not stay there.
        pane.focus_first()
        self.call_after_refresh(self._keep_focus_in, pane)

    def _keep_focus_in(self, pane: Pane) -> None:
        """Focus the pane's first control unless the focus is already inside the pane (focusing
        again would repaint the focused widget for nothing)."""
        if not self.screen_stack:  # the app is closing
            return
        focused = self.main_screen.focused
        if focused is None or pane not in focused.ancestors_with_self:
            pane.focus_first()

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        self._show_timer_line()
        pane_id = f"{event.pane.id}-pane"
        early, self._shown_early = self._shown_early, None
        for pane in self.panes():
            if pane.id == pane_id and pane.is_mounted and pane is not early:
                pane.tab_shown()  # a click on the tab; a new pane sets itself up on mount

    def _timer_line(self, text: str | None) -> None:
        self._timer_text = text
        self._show_timer_line()

    def _show_timer_line(self) -> None:
        """The running timer in the header ("ice 12:41 · …"), except on the tab whose big
        digits show it. The header repaints only when this text changes."""
        text = self._timer_text
        if not self.screen_stack:  # a tick that arrives while the app closes
            return
        try:
            here = self.main_screen.query_one("#tabs", TabbedContent).active
        except NoMatches:
            here = ""
        shown = text is not None and here != "first-aid"
        self.sub_title = f"{text} · {self.SUB_TITLE}" if shown else self.SUB_TITLE

    @on(ShowTab)
    async def _show_tab_asked(self, request: ShowTab) -> None:
        await self.action_show_tab(request.tab_id)

    @on(DrillsRequested)
    async def _drills_asked(self, request: DrillsRequested) -> None:
        """Triage's "do these drills": show the Drills tab with them picked out."""
        from tui.tabs.drills.pane import DrillsPane

        await self.action_show_tab("drills")
        pane = await self.pane("drills")
        if isinstance(pane, DrillsPane):
            pane.highlight_drills(request.drill_ids)

    async def action_help(self) -> None:
        """Show every key binding (of every tab, so they are all mounted first)."""
        from tui.screens.help import HelpModal

        await self.finish_start(every_tab=True)
        self.push_screen(HelpModal(self.panes()))

    def action_settings(self) -> None:
        """Open the settings form."""
        from tui.screens.settings import SettingsModal

        self.push_screen(SettingsModal(self.settings, self._save_settings),
                         self._settings_saved)

    def _save_settings(self, settings: Settings) -> str | None:
        """Write the settings form's values; why not (the form shows it), or None."""
        from tui.store.records import save_settings

        try:
            save_settings(self.store, settings)
        except StoreError as error:
            return str(error)
        return None

    def _settings_saved(self, settings: Settings | None) -> None:
        if settings is None:
            return
        self.settings = settings
        self.theme = self.settings.theme
        self._apply_animations()
        self.services.settings_changed.publish(settings)
        self.notify("Settings saved.", timeout=3)

    def action_cycle_theme(self) -> None:
        """Switch to the next footpain theme and remember it."""
        from tui.store.records import save_settings

        index = THEMES.index(self.settings.theme) if self.settings.theme in THEMES else -1
        self.settings = self.settings.model_copy(update={"theme": THEMES[(index + 1) % 3]})
        self.theme = self.settings.theme
        try:
            save_settings(self.store, self.settings)
        except StoreError as error:
            self.warn(f"Theme: {self.settings.theme}, for this session only: {error}")
            return
        self.notify(f"Theme: {self.settings.theme}", timeout=2)

    def _apply_animations(self) -> None:
        self._set_animations(self.settings.animations_enabled(self.environ))

    def _set_animations(self, enabled: bool) -> None:
        self.animation_level = "full" if enabled else "none"

    def report_crash(self) -> None:
        """An exception nobody handled: the whole traceback goes to the log file, the
        terminal gets one sentence (Textual's own report dumps local variables, which here
        would print the runner's journal), and the app exits with status 1. Installed as
        Textual's handler by `install_fatal_error_handler`, inside the `except` block."""
        import sys

        error = sys.exc_info()[1]
        log.error("footpain stopped on an unexpected error", exc_info=error or True)
        kind = type(error).__name__ if error is not None else "unknown"
        where = paths.log_file(self.data_dir)
        self.exit(return_code=1, message=(
            f"footpain stopped on an unexpected error ({kind}). Everything you saved is "
            f"kept; the details are in {where}."
        ))

    def get_key_display(self, binding: Binding) -> str:
        """Textual's display of a key, found without Unicode's name database
        (`tui.widgets.key_names`)."""
        return key_display(binding)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Palette entries: each tab, each pane's main actions, settings, theme, help, quit."""
        for number, (tab_id, title, _cls) in enumerate(PANES, start=1):
            yield SystemCommand(
                f"Go to {title}",
                f"Switch to the {title} tab (key {number})",
                partial(self.action_show_tab, tab_id),
            )
        for tab_id, _title, spec in PANES:
            for title, help_text, action in pane_class(spec).PALETTE:
                yield SystemCommand(
                    title,
                    help_text,
                    partial(self._run_pane_action, tab_id, action),
                )
        yield SystemCommand(
            "Settings", "Theme, animations, units, alerts, ice", self.action_settings
        )
        yield SystemCommand("Next theme", "Dark, light, high contrast", self.action_cycle_theme)
        yield SystemCommand("Keys", "Every key binding (? or F1)", self.action_help)
        yield SystemCommand("Quit", "Save and quit (q)", self.action_quit)

    async def _run_pane_action(self, tab_id: str, action: str) -> None:
        await self.action_show_tab(tab_id)
        pane = await self.pane(tab_id)
        self.call_after_refresh(pane.run_action, action)


install_fatal_error_handler(FootpainApp, FootpainApp.report_crash)
lean_strip_caches()
plain_key_characters(key_character)
restyle_components_in_place()
