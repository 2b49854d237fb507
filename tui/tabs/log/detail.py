"""One journal entry in full: every field and the whole note (Enter on a row).

The table cuts notes at one line; this shows all of it. Everything that came from the runner
or a file (note, shoe name, file name) is drawn as text with hidden characters made
visible, never read as markup.
"""

from __future__ import annotations

from datetime import tzinfo

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.domain.journal import ACTIVITY_LABELS, Entry, pain_word
from tui.domain.text import printable
from tui.domain.units import format_distance
from tui.screens.quiet import QuietModal


def detail_lines(entry: Entry, units: str, shoe_name: str | None = None,
                 regions: dict[str, str] | None = None,
                 tz: tzinfo | None = None) -> list[tuple[str, str]]:
    """(label, value) for each field the entry has, as plain strings (not yet printable)."""

    def pain(score: int | None) -> str:
        return "not given" if score is None else f"{score} ({pain_word(score)})"

    rows = [("Date", entry.date.isoformat()), ("Activity", ACTIVITY_LABELS[entry.activity])]
    if entry.distance_km is not None:
        rows.append(("Distance", format_distance(entry.distance_km, units)))
    if entry.duration_min is not None:
        rows.append(("Minutes", f"{entry.duration_min:g}"))
    rows += [("Pain before", pain(entry.pain_before)), ("Pain after", pain(entry.pain_after)),
             ("Next morning", pain(entry.pain_next_morning))]
    if entry.shoe:
        rows.append(("Shoe", shoe_name or entry.shoe))
    if entry.regions:
        names = regions or {}
        rows.append(("Where it hurt", ", ".join(names.get(r, r) for r in entry.regions)))
    if entry.started_at is not None:
        rows.append(("Started", entry.started_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")))
    if entry.completed is not None:
        rows.append(("Finished", "as planned" if entry.completed else "stopped early"))
    if entry.routine:
        rows.append(("Routine", entry.routine))
    if entry.hurt_drills:
        rows.append(("Drills that hurt", ", ".join(entry.hurt_drills)))
    if entry.changes:
        rows.append(("Changes", "; ".join(entry.changes)))
    if entry.source is not None:
        rows.append(("Imported from", f"{entry.source.file} ({entry.source.format})"))
    return rows


class EntryDetailModal(QuietModal[str | None]):
    """All of one entry; e edits it (dismisses with "edit"), Esc closes."""

    BINDINGS = [
        Binding("e", "edit", "Edit", id="detail.edit"),
        Binding("escape", "close", "Close", id="detail.close"),
    ]

    def __init__(self, entry: Entry, rows: list[tuple[str, str]]) -> None:
        super().__init__(classes="log-modal")
        self.entry = entry
        self.rows = rows

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="log-form", id="detail-box"):
            table = Text()
            for label, value in self.rows:
                table.append(f"{label:<16}", style="bold")
                table.append(printable(value))
                table.append("\n")
            yield Static(table, id="detail-fields")
            note = self.entry.note
            yield Static(Text(printable(note, one_line=False) if note else "(no note)"),
                         id="detail-note")

    def on_mount(self) -> None:
        box = self.query_one("#detail-box")
        box.border_title = "Entry"
        box.border_subtitle = "e edit · Esc close"
        box.focus()

    def action_edit(self) -> None:
        self.dismiss("edit")

    def action_close(self) -> None:
        self.dismiss(None)
