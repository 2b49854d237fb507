"""Log tab: the recovery journal."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Static

from tui.domain.journal import ACTIVITY_LABELS
from tui.panes.base import Pane
from tui.records import load_journal


class LogPane(Pane):
    """The journal's entries, newest first."""

    def compose(self) -> ComposeResult:
        """A summary line and the entries table."""
        yield Static(id="log-summary")
        yield DataTable(id="log-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        """Fill the table from the journal on disk."""
        journal = load_journal(self.fp.store, self.fp.warn)
        table = self.query_one(DataTable)
        table.add_columns("Date", "Activity", "km", "min", "Pain", "Note")
        for entry in sorted(journal.entries, key=lambda e: e.date, reverse=True):
            pain = ""
            if entry.pain_after is not None:
                pain = f"{entry.pain_before or 0}→{entry.pain_after}"
            table.add_row(
                entry.date.isoformat(),
                ACTIVITY_LABELS[entry.activity],
                "" if entry.distance_km is None else f"{entry.distance_km:g}",
                "" if entry.duration_min is None else f"{entry.duration_min:g}",
                pain,
                Text(entry.note[:40]),
            )
        summary = f"{len(journal.entries)} entries" if journal.entries else "No entries yet."
        self.query_one("#log-summary", Static).update(summary)
