"""Drills tab: pick a routine, run it with countdowns and tempo cues, log how it went.

The pane shows and routes. The run itself and its saving are a `RoutineController`
(`tui.tabs.drills.controller`, no Textual); the overview, player and end form are widgets;
every question is a `ChoiceModal`. While a timed step runs, one 1 s interval reads the clock;
it stops whenever nothing moves (paused, untimed set, overview), so an idle tab sends nothing
over SSH. The run is saved at every change and on quit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import AwaitMount, Widget
from textual.widgets import ContentSwitcher, OptionList

from tui.domain.content import Routine
from tui.domain.drill_log import drills_to_ease, last_session
from tui.domain.routine import RoutineRun
from tui.domain.text import printable
from tui.screens.choice import ChoiceModal
from tui.tabs.base import Pane, Services
from tui.tabs.drills import questions
from tui.tabs.drills.catalogue import RoutineCatalogue
from tui.tabs.drills.controller import RoutineController
from tui.tabs.drills.overview import (
    RoutineOverview,
    describe_routine,
    progress_line,
    saved_banner,
)
from tui.tabs.drills.questions import Question
from tui.tabs.drills.routine_player import RoutinePlayer
from tui.tabs.drills.session_form import SessionForm

RUN_ACTIONS = {"pause", "skip", "back", "repeat", "done", "hurt", "stop"}


class DrillsPane(Pane):
    """Routines, the guided player, and the end-of-session form."""

    BINDINGS: ClassVar[list[BindingType]] = [
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

    def __init__(self, services: Services, **kwargs: Any) -> None:
        super().__init__(services, **kwargs)
        fp = self.services
        self.routine = RoutineController(
            fp.store, fp.clock, fp.warn, fp.journal_source, fp.content.drills_by_id,
            lambda: {c.id: c.kind for c in fp.content.conditions},
        )
        """The run on screen and the one saved for later."""
        self.catalogue = RoutineCatalogue()
        """The routines on offer (read on mount)."""
        self._highlighted: set[str] = set()
        """Drills Triage suggested: marked in the routine's details."""
        self._offered = False
        """Whether the saved run was offered on showing the tab (once per start-up)."""

    def compose(self) -> ComposeResult:
        """Three views in one place: overview, player, end form."""
        with ContentSwitcher(initial="drills-overview", id="drills-views"):
            yield RoutineOverview(id="drills-overview")
        # The player and the end form are mounted the first time they are shown: most visits
        # to the tab run no routine, and the two are 30 widgets, 0.8 MiB once every tab has
        # been opened (issue 16). Kept by reference: the player is drawn every second.
        self._player = RoutinePlayer(id="drills-player")
        self._form = SessionForm(self.routine, id="drills-form")

    def on_mount(self) -> None:
        """Load the user's routines and any run left unfinished."""
        content = self.services.content
        self.catalogue, problem = RoutineCatalogue.load(content, self.services.config_dir)
        overview = self.query_one(RoutineOverview)
        overview.set_routines(self.catalogue.routines, self.catalogue.user_ids)
        overview.select(content.default_routine().id)
        if problem:  # it may quote the file: shown through printable
            overview.set_user_error("! " + printable(problem, one_line=False))
            self.services.warn(printable(problem, one_line=False))
        self.routine.load_saved(lambda routine_id: self.catalogue.find(routine_id) is not None)
        if self.routine.saved.active:
            self.notify("A drills routine was left unfinished: open Drills (3) to carry on.",
                        timeout=8)
        self._refresh_overview()

    # --- views ----------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        """Which view is showing: "overview", "run" or "form"."""
        current = self.query_one(ContentSwitcher).current or "drills-overview"
        return {"drills-player": "run", "drills-form": "form"}.get(current, "overview")

    def _show(self, view: str) -> None:
        later = {"drills-player": self._player, "drills-form": self._form}.get(view)
        if later is not None:
            self._mount_view(later)
        self.query_one(ContentSwitcher).current = view
        self.refresh_bindings()
        self.call_after_refresh(self.focus_first)

    def _mount_view(self, view: Widget) -> AwaitMount | None:
        """Mount a view the first time it is needed (hidden, as the switcher keeps every
        view but the current one); None if it is mounted already."""
        if view.parent is not None:
            return None
        view.display = False
        return self.query_one(ContentSwitcher).mount(view)

    def focus_first(self) -> None:
        """The routine list, the player, or the first field of the form.

        Only while the Drills tab is showing: focusing a widget in a hidden tab makes
        Textual switch to that tab, and a routine ending in the background must not do that.
        """
        if not self.is_shown():
            return
        if self.mode == "run":
            self._player.focus()
        elif self.mode == "form":
            self.query_one("#pain-before").focus()
        else:
            self.query_one("#drills-routines", OptionList).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Keep the tab put when Textual moves focus inside this pane as it is hidden.

        Hiding a focused widget hands focus to a visible sibling, which would make
        TabbedContent jump back to this tab: a key like 4 would seem to do nothing.
        """
        if not self.is_shown():
            event.stop()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Each key works (and shows in the footer) only in its own view."""
        if action in RUN_ACTIONS:
            return self.mode == "run"
        if action == "start":
            return self.mode == "overview"
        if action == "offer_resume":
            return self.mode == "overview" and self.routine.saved.active
        if action == "save_session":
            return self.mode == "form"
        return True

    def _ask(self, question: Question, answer: Callable[[str | None], None]) -> None:
        """Ask a question; `answer` gets the chosen id ("cancel" for Esc)."""
        self.app.push_screen(ChoiceModal(question.title, question.text, question.choices),
                             answer)

    # --- hooks from the app ---------------------------------------------------------------

    def tab_shown(self) -> None:
        """Bring the streak up to date; offer the unfinished run once."""
        if self.mode == "overview":
            self._refresh_overview()
        if self.routine.saved.active and not self._offered and self.routine.run is None:
            self._offered = True
            self.action_offer_resume()

    def reload_data(self, _: object = None) -> None:
        """Someone committed (a session logged elsewhere): redraw the streak and week."""
        if self.mode == "overview":
            self._refresh_overview()

    def use_journal(self, _: object = None) -> None:
        """Streak, week and eased drills come from the journal: redraw them with it."""
        if self.mode == "overview":
            self._refresh_overview()

    def save_pending(self) -> None:
        """On quit or hang-up: keep the run to carry on, or log an ended one as it stands."""
        run = self.routine.run
        if run is not None and run.finished and self.mode == "form":
            self._form.log_as_it_stands()
        else:
            self.routine.save()

    # --- the overview ---------------------------------------------------------------------

    def _refresh_overview(self) -> None:
        """Streak, week, banner and the selected routine's details."""
        overview = self.query_one(RoutineOverview)
        entries = self.routine.entries(wait=False)
        overview.set_stats(progress_line(entries, self.services.clock.today()))
        saved = self.routine.saved
        routine = self.catalogue.find(saved.routine_id) if saved.active else None
        overview.set_banner(saved_banner(routine.name, saved.finished) if routine else "")
        routine = self.catalogue.find(overview.selected_id() or "")
        if routine is not None:
            overview.set_detail(describe_routine(
                routine, self.routine.drills, eased=drills_to_ease(entries, routine.id),
                highlighted=self._highlighted, last=last_session(entries, routine.id),
                user=routine.id in self.catalogue.user_ids,
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
        self._highlighted = set(ids)
        best = self.catalogue.best_fit(self._highlighted)
        if self.mode == "overview":
            self.query_one(RoutineOverview).select(best.id)
        self._refresh_overview()

    # --- starting and resuming ------------------------------------------------------------

    def action_start_default(self) -> None:
        """Start the default routine (from the palette)."""
        if self.mode != "overview":
            self.notify("A routine is already on: finish or stop it first.", timeout=4)
            return
        self.query_one(RoutineOverview).select(self.services.content.default_routine().id)
        self.action_start()

    def action_start(self) -> None:
        """Start the selected routine (asking first if an unfinished one would be dropped,
        or if it loads an injury that must not be loaded yet)."""
        routine = self.catalogue.find(self.query_one(RoutineOverview).selected_id() or "")
        if routine is None or self.mode != "overview":
            return
        saved = self.routine.saved
        old = self.catalogue.find(saved.routine_id) if saved.active else None
        replace = questions.start_over(old and old.name, routine.name) if saved.active else None
        self._confirm([self._loading(routine), replace], lambda: self._begin(routine))

    def _confirm(self, asked: list[Question | None], go: Callable[[], None]) -> None:
        """Ask each question in turn (None: nothing to ask); `go` once all say go ahead."""
        pending = [question for question in asked if question is not None]
        if not pending:
            go()
            return
        first, *rest = pending
        self._ask(first, lambda choice: self._confirm(rest, go) if choice == first.go else None)

    def _loading(self, routine: Routine) -> Question | None:
        """The caution if the routine holds loading drills and the open episode is a bone
        injury, a rupture or an urgent result not yet cleared."""
        return questions.loading(self.routine.loading_warning(routine))

    def _begin(self, routine: Routine) -> None:
        self.routine.begin(routine)
        self._show("drills-player")
        self._changed()

    def action_offer_resume(self) -> None:
        """Ask whether to carry on the saved run, discard it, or decide later."""
        saved = self.routine.saved
        routine = self.catalogue.find(saved.routine_id) if saved.active else None
        if routine is None or self.routine.run is not None:
            return
        try:
            run = self.routine.saved_run(routine)
        except ValueError as error:
            self.services.warn(f"The saved drills run cannot be carried on: {error}.")
            self._discard_saved()
            return
        question = questions.resume(routine.name, run.step.position(), saved.finished)
        self._ask(question, lambda choice: self._resume_answer(choice, run))

    def _resume_answer(self, choice: str | None, run: RoutineRun) -> None:
        if choice == "discard":
            self._discard_saved()
            self.notify("Discarded the unfinished routine.", timeout=3)
        elif choice == "resume" and run.finished:
            self.routine.carry_on(run)
            self._to_form()
        elif choice == "resume":
            self._confirm([self._loading(run.routine)], lambda: self._resume(run))

    def _resume(self, run: RoutineRun) -> None:
        """Carry on a saved run from the start of its set."""
        self.routine.carry_on(run)
        self._show("drills-player")
        self._changed()

    def _discard_saved(self) -> None:
        self.routine.discard_saved()
        self._refresh_overview()
        self.refresh_bindings()

    # --- the running routine --------------------------------------------------------------

    def _key(self, apply: Callable[[], None]) -> None:
        """Apply one key to the run, then save, redraw and re-time the refresh."""
        if self.routine.run is not None:
            apply()
            self._changed(restart_ticker=True)

    def action_pause(self) -> None:
        """Pause or carry on."""
        self._key(self.routine.pause)

    def action_skip(self) -> None:
        """Skip to the next step."""
        self._key(self.routine.skip)

    def action_back(self) -> None:
        """Go back one step."""
        self._key(self.routine.back)

    def action_repeat(self) -> None:
        """Do the set again."""
        self._key(self.routine.repeat)

    def action_done(self) -> None:
        """End the current set."""
        self._key(self.routine.done)

    def action_hurt(self) -> None:
        """Mark the current drill as hurting and pause."""
        self._key(self.routine.hurt)

    def action_stop(self) -> None:
        """Ask, then stop early and go to the form."""
        run = self.routine.run
        if run is None:
            return
        was_running = self.routine.hold()
        self._changed()

        def answer(choice: str | None) -> None:
            if self.routine.run is run:
                self.routine.answer_stop(choice == questions.STOP.go, was_running)
                self._changed(restart_ticker=True)

        self._ask(questions.STOP, answer)

    def _changed(self, restart_ticker: bool = False) -> None:
        """After any change: save, draw, and run the 1 s refresh only while time moves."""
        run = self.routine.run
        if run is None:
            return
        self.routine.after_change()
        if run.finished:
            self._stop_ticker()
            self._to_form()
            return
        self._draw()
        if not self.routine.timed_running:
            self._stop_ticker()
        elif restart_ticker or not self.ticking:
            self.tick_every_second(self.tick)  # in phase with the step that starts now

    def tick(self) -> None:
        """Once a second while a timed step runs: read the clock, move on, ring, redraw."""
        tick = self.routine.tick()
        if tick is None:
            self._stop_ticker()
            return
        if tick.ring and self.services.settings.bell:
            self.app.bell()
        if tick.moved:
            self._changed()
        else:
            self._draw(seconds_only=True)

    def _draw(self, seconds_only: bool = False) -> None:
        run = self.routine.run
        if run is not None:
            self._player.show(run, self.services.clock.now(), self.routine.status,
                              seconds_only=seconds_only)

    def _stop_ticker(self) -> None:
        self.tick_every_second(None)

    # --- the end form ---------------------------------------------------------------------

    def _to_form(self) -> None:
        """Show the form with a summary of the run that just ended (the first time, once the
        form is mounted: its fields must exist to be emptied)."""
        if self.routine.run is None:
            return
        if self._form.parent is None:
            self.call_later(self._mount_form_then_show)
            return
        self._show("drills-form")
        self._form.open(self.services.clock.now())
        self.focus_first()
        self.refresh_bindings()

    async def _mount_form_then_show(self) -> None:
        mounting = self._mount_view(self._form)
        if mounting is not None:
            await mounting
        self._to_form()

    def action_save_session(self) -> None:
        """Check the form and save (Ctrl+S)."""
        self._form.save()

    @on(SessionForm.Closed)
    def _form_closed(self, event: SessionForm.Closed) -> None:
        """The session was logged or left out: back to the routines."""
        event.stop()
        self._show("drills-overview")
        self._refresh_overview()
