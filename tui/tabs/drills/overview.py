"""The Drills tab overview: streak, the list of routines, and the chosen routine's steps."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.domain.content import Drill, Routine
from tui.domain.drill_log import streak, week_adherence
from tui.domain.journal import Entry
from tui.domain.routine_plan import build_plan, ease_drill, eased_note, plan_seconds
from tui.domain.text import printable
from tui.widgets._textual_compat import SteadyOptionList
from tui.widgets.safe_text import plain, show

SILBERNAGEL_CEILING = 5
"""Pain above 5/10 during or after drills is too much (Silbernagel 2007)."""


def prescription(drill: Drill) -> str:
    """"2 x 15 reps (1-1-2 s) · rest 15 s", with "each foot" for per-side drills."""
    what = f"{drill.reps} reps" if drill.reps is not None else f"{drill.hold_seconds} s hold"
    text = f"{drill.sets} x {what}"
    if drill.per_side:
        text += " each foot"
    if drill.tempo is not None:
        text += f" ({drill.tempo.up}-{drill.tempo.hold}-{drill.tempo.down} s)"
    if drill.rest_seconds:
        text += f" · rest {drill.rest_seconds} s"
    return text


def progress_line(entries: list[Entry], today: date) -> Text:
    """"Streak: 3 days in a row · this week: drills on 3 of 6 days (4 sessions)"."""
    days = streak(entries, today)
    stats = Text(f"Streak: {days} day{'s' if days != 1 else ''} in a row", style="bold")
    stats.append(" · " + week_adherence(entries, today).text())
    return stats


def saved_banner(name: str, finished: bool) -> str:
    """The line over the list while a run is saved and not yet logged."""
    what = "finished but not logged" if finished else "unfinished"
    return f"▶ {printable(name)}: {what}. Press u to carry on or discard it."


def describe_routine(
    routine: Routine,
    drills: Mapping[str, Drill],
    *,
    eased: list[str],
    highlighted: set[str],
    last: Entry | None,
    user: bool = False,
) -> Text:
    """The routine's name, time, how often, its drills (marked ★ fits / ! eased) and how-tos.

    Names, summaries and sources may come from the runner's routines.toml: all are shown
    through `printable`, never as markup."""
    seconds = plan_seconds(build_plan(routine, drills, eased))
    minutes = max(1, round(seconds / 60))
    text = plain(routine.name, style="bold")
    text.append(f"\nabout {minutes} min · {printable(routine.frequency)}")
    if routine.weeks:
        text.append(f" · for {routine.weeks} weeks")
    text.append(f" · {len(routine.steps)} drill{'s' if len(routine.steps) > 1 else ''}")
    text.append("\n")
    text.append("s or Enter: start", style="bold")
    if last is not None:
        text.append(f" · last done {last.date:%a %d %b}")
    text.append("\n")
    if last is not None and (last.pain_after or 0) > SILBERNAGEL_CEILING:
        text.append(
            f"! Pain reached {last.pain_after}/10 after last time: more than 5 means too much "
            "load. Go gentler, and see someone if it keeps happening.\n",
            style="bold",
        )
    for number, drill_id in enumerate(routine.steps, start=1):
        drill = drills[drill_id]
        mark = "★" if drill_id in highlighted else " "
        text.append(f"{mark}{number} ", style="bold")
        text.append(printable(drill.name) + "\n", style="bold")
        text.append(f"    {prescription(drill)}\n")
        if drill_id in eased:
            gentler = ease_drill(drill)
            amount = gentler.reps if gentler.reps is not None else f"{gentler.hold_seconds} s"
            text.append(
                f"    ! eased: {eased_note(drill)} ({amount}): it hurt last time\n", style="bold"
            )
    if highlighted & set(routine.steps):
        text.append("★ fits what you told Triage\n", style="italic")
    text.append("\n")
    text.append(printable(routine.summary, one_line=False) + "\n", style="italic")
    for drill_id in dict.fromkeys(routine.steps):
        drill = drills[drill_id]
        text.append(f"\n{printable(drill.name)}: ", style="bold")
        text.append(printable(drill.how, one_line=False))
        if drill.cue:
            text.append(f" {printable(drill.cue, one_line=False)}")
    sources = list(routine.sources)
    if user and not sources:
        sources = ["your own routine (config folder)"]
    if sources:
        text.append("\n\nSources: " + "; ".join(map(printable, sources)), style="italic")
    return text


class RoutineOverview(Vertical):
    """Streak and week line, a resume banner, user-file errors, routines list and details."""

    def compose(self) -> ComposeResult:
        """The parts, empty until the pane fills them."""
        yield Static("", id="drills-stats", markup=False)
        yield Static("", id="drills-banner", markup=False)
        yield Static("", id="drills-user-error", markup=False)
        with Horizontal(id="drills-main"):
            yield SteadyOptionList(id="drills-routines")
            with VerticalScroll(id="drills-detail"):
                yield Static("", id="drills-detail-text", markup=False)

    def on_mount(self) -> None:
        """Nothing to warn about yet."""
        self.set_banner("")
        self.set_user_error("")
        self.query_one("#drills-routines").border_title = "Routines"

    def set_routines(self, routines: list[Routine], user_ids: set[str]) -> None:
        """List the routines; the user's own are marked "(yours)"."""
        options = self.query_one("#drills-routines", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        for routine in routines:
            label = routine.name + (" (yours)" if routine.id in user_ids else "")
            options.add_option(Option(plain(label), id=routine.id))  # a name is not markup
        options.highlighted = highlighted if highlighted is not None else 0

    def select(self, routine_id: str) -> None:
        """Highlight one routine in the list."""
        options = self.query_one("#drills-routines", OptionList)
        options.highlighted = options.get_option_index(routine_id)

    def selected_id(self) -> str | None:
        """The id of the highlighted routine."""
        options = self.query_one("#drills-routines", OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def set_stats(self, text: Text) -> None:
        """The streak and this week's adherence."""
        show(self.query_one("#drills-stats", Static), text)

    def set_detail(self, text: Text) -> None:
        """The chosen routine's description."""
        if show(self.query_one("#drills-detail-text", Static), text):
            self.query_one("#drills-detail", VerticalScroll).scroll_home(animate=False)

    def set_banner(self, message: str) -> None:
        """The unfinished-run line, or nothing."""
        banner = self.query_one("#drills-banner", Static)
        show(banner, message)
        banner.display = bool(message)

    def set_user_error(self, message: str) -> None:
        """A problem in the user's routines file, or nothing."""
        error = self.query_one("#drills-user-error", Static)
        show(error, message)
        error.display = bool(message)
