"""Log tab: the recovery journal, its charts, the return-to-run plan and the shoes.

Four sub-views (j Journal, c Charts, p Plan, s Shoes; v cycles) keep each screenful small at
80x24. Every change is written at once to the database through tui.store.records; the journal is
read again only when someone else committed (another tab, another copy, the CLI: the app
tells the tab within a second), and the table is updated row by row after our own changes.

The journal comes from the app's `JournalSource`, shared with the other tabs, so the tab is
mounted only when first opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, DataTable, Static

from tui.domain.journal import ACTIVITY_LABELS, Entry, Journal, Shoe
from tui.domain.planner import journal_plan, week_target_km
from tui.domain.warnings import all_warnings
from tui.tabs.base import Pane, Services
from tui.tabs.log.editor import JournalEditor, Outcome
from tui.tabs.log.table import JournalTable
from tui.tabs.log.views import ChartsView, PlanView, ShoesView
from tui.widgets.safe_text import markup_safe, plain

if TYPE_CHECKING:
    from tui.tabs.log.dialogs import LogDialogs

VIEWS = {"journal": "Journal", "charts": "Charts", "plan": "Plan", "shoes": "Shoes"}
VIEW_KEYS = {"journal": "j", "charts": "c", "plan": "p", "shoes": "s"}


class LogPane(Pane):
    """The recovery journal and everything drawn from it.

    The pane draws; its `editor` holds the journal and makes every change, and its `dialogs`
    open the forms. Each key's action is one line that asks one of them and `show`s what
    happened."""

    BINDINGS = [
        Binding("a", "add", "Add", id="log.add"),
        Binding("e", "edit", "Edit", id="log.edit"),
        Binding("d", "delete", "Delete", id="log.delete"),
        Binding("v", "next_view", "View", id="log.next_view"),
        Binding("u", "undo", "Undo the last add, edit or delete", show=False, id="log.undo"),
        Binding("m", "next_morning", "Answer the next-morning question", show=False,
                id="log.next_morning"),
        Binding("f", "filter_activity", "Filter the journal by activity", show=False,
                id="log.filter_activity"),
        Binding("g", "filter_episode", "Filter the journal by episode", show=False,
                id="log.filter_episode"),
        Binding("n", "new_episode", "Start an injury episode", show=False, id="log.new_episode"),
        Binding("x", "close_episode", "Mark the episode pain-free", show=False,
                id="log.close_episode"),
        Binding("h", "whole_history", "Load the whole history into the journal", show=False,
                id="log.whole_history"),
        Binding("y", "cleared", "Cleared by a professional to load again", show=False,
                id="log.cleared"),
        Binding("r", "retire_shoe", "Retire or bring back the selected shoes", show=False,
                id="log.retire_shoe"),
        Binding("o", "export", "Export the journal (md, csv, json)", show=False, id="log.export"),
        Binding("i", "import", "Import runs from a watch or phone (FIT, GPX, TCX, Strava)",
                show=False, id="log.import"),
        Binding("slash", "search", "Search the notes", show=False, id="log.search"),
        Binding("j", "view('journal')", "Journal view", show=False, id="log.view_journal"),
        Binding("c", "view('charts')", "Charts view", show=False, id="log.view_charts"),
        Binding("p", "view('plan')", "Return-to-run plan view", show=False, id="log.view_plan"),
        Binding("s", "view('shoes')", "Shoes view", show=False, id="log.view_shoes"),
    ]  # fmt: skip
    PALETTE = [
        ("Log: add an entry", "Record a run, walk, drills, ice or rest day", "add"),
        ("Log: return-to-run plan", "Where you are and today's target", "view('plan')"),
        ("Log: charts", "Pain over time, weekly distance, drills", "view('charts')"),
        ("Log: export", "A one-page summary for a physio, or CSV / JSON", "export"),
        ("Log: import runs", "FIT, GPX or TCX files, a folder or a Strava export", "import"),
        ("Log: search notes", "Show only entries whose note holds a word", "search"),
        ("Log: cleared by a professional", "Record the day you were cleared to load the "
         "foot again after a bone injury, rupture or urgent result", "cleared"),
    ]  # fmt: skip

    editor: JournalEditor
    """The journal held here and every change to it (set up on mount)."""
    _dialogs: LogDialogs | None = None

    def __init__(self, services: Services, **kwargs: Any) -> None:
        super().__init__(services, **kwargs)
        self.view = "journal"
        self._dirty: set[str] = set()
        self._last_plan = None
        self._last_warnings: list = []

    def compose(self) -> ComposeResult:
        """The view bar, a banner for what needs attention, and the four views."""
        yield Static(id="log-viewbar")
        yield Static(id="log-banner", markup=False)
        with ContentSwitcher(initial="log-journal", id="log-views"):
            with Vertical(id="log-journal"):
                yield Static(id="log-status", markup=False)
                yield JournalTable(id="log-table")
            yield ChartsView(id="log-charts")
            yield PlanView(id="log-plan")
            yield ShoesView(id="log-shoes")

    @property
    def dialogs(self) -> LogDialogs:
        """The forms the keys open, imported when first needed: they and what they use
        (the entry form, import, export and csv modules) are about 0.3 MiB that a session
        spent reading the Log never needs."""
        if self._dialogs is None:
            from tui.tabs.log.dialogs import LogDialogs

            fp = self.services
            self._dialogs = LogDialogs(self.app, self.editor, self.show,
                                       lambda: fp.settings.units, fp.clock.local_tz)
        return self._dialogs

    def on_mount(self) -> None:
        """Set up the table; the journal itself is read when the tab is first shown."""
        fp = self.services
        self.editor = JournalEditor(fp.journal_source, fp.clock.today, fp.content,
                                    local_tz=fp.clock.local_tz)
        self.table.keep = self.editor.keep
        self.table.setup_columns(fp.settings.units)
        self._draw_viewbar()

    @property
    def table(self) -> JournalTable:
        """The journal table."""
        return self.query_one("#log-table", JournalTable)

    @property
    def journal(self) -> Journal | None:
        """The journal drawn here (the editor's); None until the tab is first shown."""
        return self.editor.journal

    # --- loading ------------------------------------------------------------------------


    def tab_shown(self) -> None:
        """Re-read the journal only if someone committed since (another tab, copy or the
        CLI)."""
        if self.journal is None or self.editor.stale():
            self.reload()
        self.focus_first()

    def reload_data(self, _: object = None) -> None:
        """Someone committed (the app polls the database): show the journal as it is now."""
        if self.journal is not None and self.editor.stale():
            self.reload()

    def reload(self) -> None:
        """Read the journal (if it changed) and redraw everything."""
        self.show(self.editor.reload())

    def show(self, outcome: Outcome) -> None:
        """Draw what a step did: the rows it touched (or all of them), status, banner and
        views, the view it asks for, then its notice or warning."""
        if outcome.refill and self.journal is not None:
            self.table.fill(self.journal.entries)
        if outcome.removed is not None:
            self.table.discard(outcome.removed)
        if outcome.shown is not None:
            self.table.upsert(outcome.shown)
        if outcome.changed:
            self._changed()
        elif outcome.refill:
            self._draw_status()
        if outcome.view is not None:
            self.action_view(outcome.view)
        if outcome.problem is not None:
            self.services.warn(f"Not saved: {outcome.problem}")
        if outcome.warning:
            self.services.warn(outcome.warning)
        if outcome.notice:  # names and paths from data: shown as typed, not as markup
            self.notify(markup_safe(outcome.notice), timeout=outcome.timeout)

    def apply_settings(self, _: object = None) -> None:
        """Units may have changed: redraw every number."""
        self.table.setup_columns(self.services.settings.units)
        if self.journal is not None:
            self.table.fill(self.journal.entries)
            self._changed()

    def focus_first(self) -> None:
        """Focus the table of the current view."""
        if self.view == "journal":
            self.table.focus()
        elif self.view == "shoes":
            self.query_one("#log-shoes-table").focus()
        else:
            self.query_one(f"#log-{self.view}").focus()

    # --- redrawing ----------------------------------------------------------------------

    def _changed(self) -> None:
        """After any change: status, banner, and the other views when next shown."""
        self._dirty = {"charts", "plan", "shoes"}
        self._draw_status()
        self._draw_banner()
        self._draw_view()

    def _plan(self):  # type: ignore[no-untyped-def]
        """The plan for the latest episode, using the condition's kind when none is set."""
        assert self.journal is not None
        today = self.services.clock.today()
        return journal_plan(self.journal, today, units=self.services.settings.units,
                            kind=self.editor.condition_kind())

    def _warnings(self, plan) -> list:  # type: ignore[no-untyped-def]
        """Every current warning from the log."""
        assert self.journal is not None
        causes = {c.id: c.label for c in self.services.content.causes}
        target = week_target_km(plan[1], plan[2]) if plan else None
        today = self.services.clock.today()
        return all_warnings(self.journal, today, self.services.settings.units, causes, target)

    def _draw_viewbar(self) -> None:
        text = Text()
        for name, title in VIEWS.items():
            key = VIEW_KEYS[name]
            if name == self.view:
                text.append(f" ▶ {title} ", style="bold reverse")
            else:
                text.append(f"   {title} ", style="")
            text.append(f"({key})", style="dim")
        text.append("   v next", style="dim")
        self.query_one("#log-viewbar", Static).update(text)

    def _draw_status(self) -> None:
        status = self.editor.status(self.table.entry_count)
        self.query_one("#log-status", Static).update(status)

    def _draw_banner(self) -> None:
        """Two lines at most: not eased (see someone), the morning question, other warnings."""
        assert self.journal is not None
        plan = self._plan()
        warnings = self._warnings(plan)
        lines = []
        for warning in warnings:
            if warning.kind == "not_eased":
                lines.append(f"! {warning.message}")
        pending = self.editor.pending_morning()
        if pending is not None:
            what = ACTIVITY_LABELS[pending.activity].lower()
            lines.append(f"? How did your first steps feel this morning, after yesterday's "
                         f"{what}? Press m.")  # fmt: skip
        others = [w for w in warnings if w.kind != "not_eased"]
        if others and len(lines) < 2:
            more = f"{len(others)} warnings, p for all: " if len(others) > 1 else "p: "
            lines.append(f"! {more}{others[0].message}")
        banner = self.query_one("#log-banner", Static)
        shown = Text("\n").join(plain(line) for line in lines[:2])  # shoe names in warnings
        shown.no_wrap, shown.overflow = True, "ellipsis"
        banner.update(shown)
        banner.display = bool(lines)
        self._last_plan, self._last_warnings = plan, warnings

    def _draw_view(self) -> None:
        """Draw the current view if its data changed since it was last drawn."""
        if self.view not in self._dirty or self.journal is None:
            return
        self._dirty.discard(self.view)
        today, units = self.services.clock.today(), self.services.settings.units
        if self.view == "charts":
            plan = self._last_plan
            target = week_target_km(plan[1], plan[2]) if plan else None
            width = self.query_one("#log-charts").size.width or self.size.width
            self.query_one(ChartsView).show(self.journal, today, units, target, width)
        elif self.view == "plan":
            self.query_one(PlanView).show(
                today, units, self.services.content, self._last_plan, self._last_warnings
            )
        elif self.view == "shoes":
            self.query_one(ShoesView).show(self.journal, units)

    def on_resize(self) -> None:
        """The charts fit as many days as the width allows."""
        if self.journal is not None:
            self._dirty.add("charts")
            self._draw_view()

    # --- views --------------------------------------------------------------------------

    def action_view(self, name: str) -> None:
        """Show one of the sub-views."""
        if name not in VIEWS:
            return
        self.view = name
        self.query_one("#log-views", ContentSwitcher).current = f"log-{name}"
        self._draw_viewbar()
        self._draw_view()
        self.focus_first()

    def action_next_view(self) -> None:
        """Cycle Journal → Charts → Plan → Shoes."""
        names = list(VIEWS)
        self.action_view(names[(names.index(self.view) + 1) % len(names)])

    # --- keys: each asks the editor or opens a form --------------------------------------

    def selected_entry(self) -> Entry | None:
        """The entry under the cursor of the Journal view (None in the other views)."""
        entry_id = self.table.selected_id() if self.view == "journal" else None
        if self.journal is None or entry_id is None:
            return None
        return self.journal.find_entry(entry_id)

    def selected_shoe(self) -> Shoe | None:
        """The shoes under the cursor of the Shoes view (None in the other views)."""
        table = self.query_one("#log-shoes-table", DataTable)
        if self.view != "shoes" or self.journal is None or table.row_count == 0:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return self.journal.find_shoe(str(key.value)) if key.value else None

    def action_add(self) -> None:
        """Add an entry (or, in the Shoes view, a pair of shoes)."""
        self.dialogs.add(self.view)

    def action_edit(self) -> None:
        """Edit the selected entry, the episode (Plan view) or the shoes (Shoes view)."""
        self.dialogs.edit(self.view, self.selected_entry(), self.selected_shoe())

    def action_delete(self) -> None:
        """Delete the selected entry at once; u brings it back."""
        self.show(self.editor.delete(self.selected_entry()))

    def action_undo(self) -> None:
        """Take back the last add, edit or delete of an entry."""
        self.show(self.editor.undo())

    def action_next_morning(self) -> None:
        """Ask how the first steps felt after the selected (or yesterday's) session."""
        self.dialogs.next_morning(self.selected_entry())

    def action_whole_history(self) -> None:
        """Load every entry, not just the last 13 months (a long log takes a moment)."""
        self.show(self.editor.show_all())

    def action_filter_activity(self) -> None:
        """Cycle the journal filter through the activities that appear in it."""
        self.show(self.editor.next_activity_filter())

    def action_filter_episode(self) -> None:
        """Cycle the journal filter through the episodes, newest first."""
        self.show(self.editor.next_episode_filter())

    def action_new_episode(self) -> None:
        """Start an injury episode by hand."""
        self.dialogs.new_episode()

    def action_close_episode(self) -> None:
        """Mark the open episode pain-free (it ends; the plan's wait begins)."""
        self.dialogs.close_episode()

    def action_cleared(self) -> None:
        """Record that a professional cleared the latest episode for loading again."""
        self.dialogs.cleared()

    def action_retire_shoe(self) -> None:
        """Retire the selected shoes (or bring them back)."""
        self.show(self.editor.retire(self.selected_shoe()))

    def action_export(self) -> None:
        """Write the journal to a file: a Markdown summary, CSV or JSON."""
        self.dialogs.export()

    def action_import(self) -> None:
        """Import runs from a watch's or phone's files (a path box and a file picker)."""
        self.dialogs.import_files()

    def action_search(self) -> None:
        """Show only the entries whose note holds a word."""
        self.dialogs.search()

    @on(DataTable.RowSelected, "#log-table")
    def _row_chosen(self) -> None:
        """Enter on a journal row shows all of it (e there edits)."""
        self.dialogs.detail(self.selected_entry())

    @on(DataTable.RowSelected, "#log-shoes-table")
    def _shoe_chosen(self) -> None:
        """Enter on a shoe edits it."""
        self.action_edit()
