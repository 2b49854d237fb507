"""Drills tab: pick a routine, run it with countdowns and tempo cues, log how it went.

The pane routes: the run itself is `tui.domain.routine.RoutineRun` (wall-clock, pure), the
overview, player and end form are widgets. While a timed step runs, one 1 s interval reads
the clock; it stops whenever nothing moves (paused, untimed set, overview), so an idle tab
sends nothing over SSH. The run is saved to routine.toml at every change and on quit.
"""

from __future__ import annotations

import logging
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import ContentSwitcher, OptionList, TabbedContent

from tui.domain.drill_log import drills_to_ease, last_session, streak, week_adherence
from tui.domain.journal import Entry
from tui.domain.planner import loading_warning
from tui.domain.routine import RoutineRun, RoutineState
from tui.domain.text import printable
from tui.domain.user_routines import load_user_routines
from tui.screens.choice import ChoiceModal
from tui.store import StoreError
from tui.store.state import ROUTINE, read_state, save_state
from tui.tabs.base import Pane
from tui.tabs.drills.overview import RoutineOverview, describe_routine
from tui.tabs.drills.player import DrillsPlayerMixin
from tui.tabs.drills.routine_player import RoutinePlayer
from tui.tabs.drills.session import DrillsSessionMixin
from tui.tabs.drills.session_form import SessionForm

RUN_ACTIONS = {"pause", "skip", "back", "repeat", "done", "hurt", "stop"}


log = logging.getLogger(__name__)


class DrillsPane(DrillsPlayerMixin, DrillsSessionMixin, Pane):
    """Routines, the guided player, and the end-of-session form."""


    BINDINGS: ClassVar = [
        Binding("s", "start", "Start", id="drills.start"),
        Binding("u", "offer_resume", "Resume", id="drills.resume_saved"),
        Binding("space", "pause", "Pause/resume", id="drills.pause"),
        Binding("n", "skip", "Skip", id="drills.skip"),
        Binding("d", "done", "Set done", id="drills.done"),
        Binding("escape", "stop", "Stop", id="drills.stop"),
        Binding("b", "back", "Back a step", id="drills.back", show=False),
        Binding("r", "repeat", "Repeat the set", id="drills.repeat", show=False),
        Binding("h", "hurt", "That hurt (pause, ease next time)", id="drills.hurt", show=False),
        Binding("ctrl+s", "save_session", "Save to log", id="drills.save"),
    ]
    PALETTE: ClassVar = [
        ("Start morning routine", "Run the default drills routine (Drills tab)", "start_default"),
        ("Start selected routine", "Run the routine chosen on the Drills tab", "start"),
        ("Resume unfinished routine", "Carry on a saved drills routine", "offer_resume"),
    ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._run: RoutineRun | None = None
        self._saved = RoutineState()
        self._ticker: Timer | None = None
        self._last_seen: tuple[int, float | None] = (-1, None)
        self._highlighted: set[str] = set()
        self._offered = False
        self._status = ""

    def compose(self) -> ComposeResult:
        """Three views in one place: overview, player, end form."""
        with ContentSwitcher(initial="drills-overview", id="drills-views"):
            yield RoutineOverview(id="drills-overview")
            yield RoutinePlayer(id="drills-player")
            yield SessionForm(id="drills-form")

    def on_mount(self) -> None:
        """Load the user's routines and any run left unfinished."""
        content = self.fp.content
        self._drills = content.drills_by_id
        user, problem = load_user_routines(
            self.fp.config_dir, self._drills, (r.id for r in content.routines)
        )
        self._routines = [*content.routines, *user]
        self._user_ids = {r.id for r in user}
        overview = self.query_one(RoutineOverview)
        overview.set_routines(self._routines, self._user_ids)
        overview.select(content.default_routine().id)
        if problem:  # it may quote the file: shown through printable
            overview.set_user_error("! " + printable(problem, one_line=False))
            self.fp.warn(printable(problem, one_line=False))
        self._load_saved()
        self._refresh_overview()

    # --- views ----------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        """Which view is showing: "overview", "run" or "form"."""
        current = self.query_one(ContentSwitcher).current or "drills-overview"
        return {"drills-player": "run", "drills-form": "form"}.get(current, "overview")

    def _show(self, view: str) -> None:
        self.query_one(ContentSwitcher).current = view
        self.refresh_bindings()
        self.call_after_refresh(self.focus_first)

    def focus_first(self) -> None:
        """The routine list, the player, or the first field of the form.

        Only while the Drills tab is showing: focusing a widget in a hidden tab makes
        Textual switch to that tab, and a routine ending in the background must not do that.
        """
        if self.fp.query_one("#tabs", TabbedContent).active != "drills":
            return
        if self.mode == "run":
            self.query_one(RoutinePlayer).focus()
        elif self.mode == "form":
            self.query_one("#pain-before").focus()
        else:
            self.query_one("#drills-routines", OptionList).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Keep the tab put when Textual moves focus inside this pane as it is hidden.

        Hiding a focused widget hands focus to a visible sibling, which would make
        TabbedContent jump back to this tab: a key like 4 would seem to do nothing.
        """
        if self.fp.query_one("#tabs", TabbedContent).active != "drills":
            event.stop()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each key works (and shows in the footer) only in its own view."""
        if action in RUN_ACTIONS:
            return self.mode == "run"
        if action == "start":
            return self.mode == "overview"
        if action == "offer_resume":
            return self.mode == "overview" and self._saved.active
        if action == "save_session":
            return self.mode == "form"
        return True

    def on_shown(self) -> None:
        """Bring the streak up to date; offer the unfinished run once."""
        if self.mode == "overview":
            self._refresh_overview()
        if self._saved.active and not self._offered and self._run is None:
            self._offered = True
            self.action_offer_resume()

    def _routine(self, routine_id: str):
        return next((r for r in self._routines if r.id == routine_id), None)

    def _entries(self, wait: bool) -> list[Entry]:
        """The journal's entries (streak, eased drills); none while start-up is still reading
        the journal (unless `wait`) or if it cannot be read (the Log tab reports that)."""
        cache = self.fp.journal_source
        try:
            journal = cache.load(self.fp.warn) if wait else cache.try_load(self.fp.warn)
        except StoreError as error:
            log.warning("drills cannot read the journal: %s", error)
            return []
        return journal.entries if journal is not None else []

    def on_data_changed(self) -> None:
        """Someone committed (a session logged elsewhere): redraw the streak and week."""
        if self.mode == "overview":
            self._refresh_overview()

    def on_journal_loaded(self) -> None:
        """Streak, week and eased drills come from the journal: redraw them with it."""
        if self.mode == "overview":
            self._refresh_overview()

    def _refresh_overview(self) -> None:
        """Streak, week, banner and the selected routine's details."""
        overview = self.query_one(RoutineOverview)
        entries = self._entries(wait=False)
        today = self.fp.clock.today()
        days = streak(entries, today)
        stats = Text(f"Streak: {days} day{'s' if days != 1 else ''} in a row", style="bold")
        stats.append(" · " + week_adherence(entries, today).text())
        overview.set_stats(stats)
        saved = self._routine(self._saved.routine_id) if self._saved.active else None
        if saved is not None:
            what = "finished but not logged" if self._saved.finished else "unfinished"
            overview.set_banner(
                f"▶ {printable(saved.name)}: {what}. Press u to carry on or discard it."
            )
        else:
            overview.set_banner("")
        routine = self._routine(overview.selected_id() or "")
        if routine is not None:
            overview.set_detail(describe_routine(
                routine, self._drills, eased=drills_to_ease(entries, routine.id),
                highlighted=self._highlighted, last=last_session(entries, routine.id),
                user=routine.id in self._user_ids,
            ))

    @on(OptionList.OptionHighlighted, "#drills-routines")
    def _routine_highlighted(self) -> None:
        self._refresh_overview()

    @on(OptionList.OptionSelected, "#drills-routines")
    def _routine_chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_start()

    def highlight_drills(self, ids: list[str]) -> None:
        """Select the routine that fits these drills best and mark them (called by Triage)."""
        wanted = set(ids)
        self._highlighted = wanted

        def fit(routine) -> tuple[int, int, bool]:
            steps = set(routine.steps)
            return len(steps & wanted), -len(steps - wanted), routine.default

        best = max(self._routines, key=fit)
        if self.mode == "overview":
            self.query_one(RoutineOverview).select(best.id)
        self._refresh_overview()

    # --- starting and resuming ------------------------------------------------------------

    def action_start_default(self) -> None:
        """Start the default routine (from the palette)."""
        if self.mode != "overview":
            self.notify("A routine is already on: finish or stop it first.", timeout=4)
            return
        self.query_one(RoutineOverview).select(self.fp.content.default_routine().id)
        self.action_start()

    def action_start(self) -> None:
        """Start the selected routine (asking first if an unfinished one would be dropped,
        or if it loads an injury that must not be loaded yet)."""
        routine = self._routine(self.query_one(RoutineOverview).selected_id() or "")
        if routine is None or self.mode != "overview":
            return
        self._cautiously(routine, lambda: self._start_over(routine))

    def _cautiously(self, routine, go) -> None:  # type: ignore[no-untyped-def]
        """Run `go` at once, or after a yes when the routine holds loading drills and the open
        episode is a bone injury, a rupture or an urgent result not yet cleared."""
        warning = self._loading_warning(routine)
        if warning is None:
            go()
            return
        choices = [("cancel", "Not now", "n"), ("start", "Start anyway", "s")]  # the safe one first

        def answer(choice: str | None) -> None:
            if choice == "start":
                go()

        self.app.push_screen(ChoiceModal("Careful: loading drills", warning, choices), answer)

    def _loading_warning(self, routine) -> str | None:  # type: ignore[no-untyped-def]
        """The caution for this routine's loading drills, if the open episode needs one."""
        try:
            journal = self.fp.journal_source.load(self.fp.warn)
        except StoreError:
            return None  # the Log tab reports an unreadable journal
        loading = [self._drills[i].name for i in dict.fromkeys(routine.steps)
                   if i in self._drills and self._drills[i].loading]
        kinds = {c.id: c.kind for c in self.fp.content.conditions}
        return loading_warning(journal, kinds, loading)

    def _start_over(self, routine) -> None:  # type: ignore[no-untyped-def]
        """Begin the routine, asking first if an unfinished one would be dropped."""
        if not self._saved.active:
            self._begin(routine)
            return
        old = self._routine(self._saved.routine_id)
        question = (f"An unfinished run of {printable(old.name) if old else 'a routine'} is "
                    f"saved. Start {printable(routine.name)} instead and discard it?")
        choices = [("start", "Start new", "s"), ("cancel", "Keep it", "k")]

        def answer(choice: str | None) -> None:
            if choice == "start":
                self._begin(routine)

        self.app.push_screen(ChoiceModal("Start over?", question, choices), answer)

    def _begin(self, routine) -> None:
        now = self.fp.clock.now()
        entries = self._entries(wait=True)
        self._run = RoutineRun(routine, self._drills, now, drills_to_ease(entries, routine.id))
        eased = [self._drills[i].name for i in self._run.eased if i in routine.steps]
        self._status = f"! Eased today: {', '.join(eased)}" if eased else ""
        self._save_state()
        self._show("drills-player")
        self._changed()

    def action_offer_resume(self) -> None:
        """Ask whether to carry on the saved run, discard it, or decide later."""
        routine = self._routine(self._saved.routine_id) if self._saved.active else None
        if routine is None or self._run is not None:
            return
        step = ""
        try:
            run = RoutineRun.from_state(self._saved, routine, self._drills, self.fp.clock.now())
            step = f" at {run.step.position()}"
        except ValueError as error:
            self.fp.warn(f"The saved drills run cannot be carried on: {error}.")
            self._clear_saved()
            return
        if self._saved.finished:
            question = f"You finished {printable(routine.name)} but it is not in the log yet."
            choices = [("resume", "Log it now", "y"), ("discard", "Discard it", "d"),
                       ("cancel", "Later", "l")]
        else:
            question = (f"{printable(routine.name)} was left unfinished{step}. "
                        "Carry on from there?")
            choices = [("resume", "Carry on", "c"), ("discard", "Discard it", "d"),
                       ("cancel", "Later", "l")]
        self.app.push_screen(ChoiceModal("Unfinished routine", question, choices),
                             lambda choice: self._resume_answer(choice, run))

    def _resume_answer(self, choice: str | None, run: RoutineRun) -> None:
        if choice == "discard":
            self._clear_saved()
            self.notify("Discarded the unfinished routine.", timeout=3)
        elif choice == "resume" and run.finished:
            self._run = run
            self._to_form()
        elif choice == "resume":
            self._cautiously(run.routine, lambda: self._resume(run))

    def _resume(self, run: RoutineRun) -> None:
        """Carry on a saved run from the start of its set."""
        self._run = run
        self._status = "Back where you stopped, from the start of the set. Space to go on."
        self._show("drills-player")
        self._changed()

    # --- saving ---------------------------------------------------------------------------

    def _load_saved(self) -> None:
        try:
            state = read_state(self.fp.store.db, ROUTINE, RoutineState, self.fp.warn)
        except StoreError as error:
            self.fp.warn(f"The saved drills run could not be read: {error}")
            state = RoutineState()
        if state.active and self._routine(state.routine_id) is None:
            self.fp.warn(f"A saved drills run is for routine {state.routine_id!r}, which no "
                         "longer exists; it was set aside.")
            state = RoutineState()
        self._saved = state
        if state.active:
            self.notify("A drills routine was left unfinished: open Drills (3) to carry on.",
                        timeout=8)

    def _save_state(self) -> None:
        if self._run is not None:
            self._saved = self._run.to_state(self.fp.clock.now())
            self._keep(self._saved)

    def _keep(self, state: RoutineState) -> None:
        """Save the routine state; a data problem is said, not raised (the run goes on)."""
        try:
            save_state(self.fp.store.db, ROUTINE, state)
        except StoreError as error:
            self.fp.warn(f"The drills run could not be saved: {error}")

    def _clear_saved(self) -> None:
        self._saved = RoutineState()
        self._keep(self._saved)
        self._run = None
        self._refresh_overview()
        self.refresh_bindings()
