"""The footpain App: four tabs, global keys, palette commands, theme and safe shutdown."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
from collections.abc import Iterable, Mapping
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, TabbedContent, TabPane

from tui import paths
from tui.domain.clock import Clock
from tui.domain.content import Content
from tui.domain.settings import THEMES, Settings
from tui.panes import PANES, Pane
from tui.records import load_settings, save_settings
from tui.store import Store
from tui.themes import FOOTPAIN_THEMES

log = logging.getLogger(__name__)


class FootpainApp(App[int]):
    """Triage, first aid, drills and the recovery log, for a runner's sore foot."""

    CSS_PATH = [
        "app.tcss",
        "styles/triage.tcss",
        "styles/first_aid.tcss",
        "styles/drills.tcss",
        "styles/log.tcss",
    ]
    TITLE = "footpain"
    SUB_TITLE = "general information, not a diagnosis"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("1", "show_tab('triage')", "Triage", show=False, id="tab.triage"),
        Binding("2", "show_tab('first-aid')", "First aid", show=False, id="tab.first_aid"),
        Binding("3", "show_tab('drills')", "Drills", show=False, id="tab.drills"),
        Binding("4", "show_tab('log')", "Log", show=False, id="tab.log"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("f2", "settings", "Settings", show=False, id="app.settings"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(
        self,
        data_dir: Path,
        *,
        content: Content,
        clock: Clock | None = None,
        config_dir: Path | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.config_dir = config_dir or paths.config_dir()
        self.content = content
        self.clock = clock or Clock()
        self.environ = dict(os.environ if environ is None else environ)
        self.store = Store(data_dir)
        self._startup_warnings: list[str] = []
        self.settings: Settings = load_settings(self.store, self._startup_warnings.append)
        self._hung_up = False
        for theme in FOOTPAIN_THEMES.values():
            self.register_theme(theme)
        self.theme = self.settings.theme
        self._apply_animations()

    def compose(self) -> ComposeResult:
        """Header, the four tabs, and the footer."""
        yield Header(icon="")
        with TabbedContent(id="tabs"):
            for number, (tab_id, title, pane_cls) in enumerate(PANES, start=1):
                with TabPane(f"{number} {title}", id=tab_id):
                    yield pane_cls(id=f"{tab_id}-pane")
        yield Footer()

    def on_mount(self) -> None:
        """Install hang-up handlers and report any data file that had to be set aside."""
        try:
            loop = asyncio.get_running_loop()
            loop.add_signal_handler(signal.SIGHUP, self._hang_up, "SIGHUP")
            loop.add_signal_handler(signal.SIGTERM, self._hang_up, "SIGTERM")
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread
            log.info("signal handlers not installed")
        for message in self._startup_warnings:
            self.warn(message)
        self._startup_warnings = []

    # --- shared services for the panes -------------------------------------------------

    def warn(self, message: str) -> None:
        """Tell the user about a data problem, and keep it in the log file."""
        log.warning(message)
        self.notify(message, title="Data", severity="error", timeout=20, markup=False)

    def panes(self) -> list[Pane]:
        """The four tab panes."""
        return list(self.query(Pane))

    def flush_all(self) -> None:
        """Ask every pane to save whatever it holds that is not on disk yet."""
        for pane in self.panes():
            try:
                pane.flush()
            except Exception:  # a failing pane must not stop the others from saving
                log.exception("flush failed in %s", pane.id)

    def _hang_up(self, name: str) -> None:
        """The SSH link dropped (SIGHUP) or we were asked to stop (SIGTERM): save and go."""
        if self._hung_up:
            return
        self._hung_up = True
        log.info("%s received: saving and exiting", name)
        self.flush_all()
        loop = asyncio.get_running_loop()
        # The terminal may be gone; if restoring it blocks or fails, leave anyway.
        loop.call_later(3.0, os._exit, 0)
        self.exit(0)

    async def action_quit(self) -> None:
        """Save and quit."""
        self.flush_all()
        self.exit(0)

    # --- tabs, help, settings, theme --------------------------------------------------

    def action_show_tab(self, tab_id: str) -> None:
        """Switch to a tab and put the focus inside it."""
        tabs = self.query_one("#tabs", TabbedContent)
        tabs.active = tab_id
        pane = self.query_one(f"#{tab_id}-pane", Pane)
        # Focus now, so a key typed right after the tab key ("2i" in one SSH packet) reaches
        # the new pane; and again after the refresh, once the pane is laid out.
        pane.focus_first()
        self.call_after_refresh(pane.focus_first)

    @on(TabbedContent.TabActivated)
    def _tab_activated(self, event: TabbedContent.TabActivated) -> None:
        pane_id = f"{event.pane.id}-pane"
        for pane in self.panes():
            if pane.id == pane_id:
                pane.on_shown()

    def action_help(self) -> None:
        """Show every key binding."""
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_settings(self) -> None:
        """Open the settings form."""
        from tui.screens.settings import SettingsScreen

        self.push_screen(SettingsScreen(self.settings), self._settings_saved)

    def _settings_saved(self, settings: Settings | None) -> None:
        if settings is None:
            return
        self.settings = save_settings(self.store, settings)
        self.theme = self.settings.theme
        self._apply_animations()
        for pane in self.panes():
            pane.on_settings_changed()
        self.notify("Settings saved.", timeout=3)

    def action_cycle_theme(self) -> None:
        """Switch to the next footpain theme and remember it."""
        index = THEMES.index(self.settings.theme) if self.settings.theme in THEMES else -1
        self.settings = self.settings.model_copy(update={"theme": THEMES[(index + 1) % 3]})
        self.settings = save_settings(self.store, self.settings)
        self.theme = self.settings.theme
        self.notify(f"Theme: {self.settings.theme}", timeout=2)

    def _apply_animations(self) -> None:
        self.animation_level = (
            "full" if self.settings.animations_enabled(self.environ) else "none"
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Palette entries: each tab, each pane's main actions, settings, theme, help, quit."""
        for number, (tab_id, title, _cls) in enumerate(PANES, start=1):
            yield SystemCommand(
                f"Go to {title}",
                f"Switch to the {title} tab (key {number})",
                lambda tab_id=tab_id: self.action_show_tab(tab_id),
            )
        for tab_id, _title, pane_cls in PANES:
            for title, help_text, action in pane_cls.PALETTE:
                yield SystemCommand(
                    title,
                    help_text,
                    lambda tab_id=tab_id, action=action: self._run_pane_action(tab_id, action),
                )
        yield SystemCommand(
            "Settings", "Theme, animations, units, alerts, ice", self.action_settings
        )
        yield SystemCommand("Next theme", "Dark, light, high contrast", self.action_cycle_theme)
        yield SystemCommand("Keys", "Every key binding (? or F1)", self.action_help)
        yield SystemCommand("Quit", "Save and quit (q)", self.action_quit)

    def _run_pane_action(self, tab_id: str, action: str) -> None:
        self.action_show_tab(tab_id)
        pane = self.query_one(f"#{tab_id}-pane", Pane)
        self.call_after_refresh(pane.run_action, action)
