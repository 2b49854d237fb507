"""The journal table: newest first, filtered, updated row by row instead of rebuilt."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from tui.domain.journal import ACTIVITY_LABELS, Entry, pain_change, printable
from tui.domain.units import format_distance, unit_label

COLUMNS = ("date", "activity", "distance", "minutes", "pain", "morning", "note")
NOTE_WIDTH = 60
NOTE_COLUMN = 22
"""The note column's width: the rest of the row at 80 columns; Enter shows the whole note."""


def sort_key(entry: Entry) -> str:
    """Rows sort by date; same-day entries keep the order they were logged in."""
    return entry.date.isoformat()


class JournalTable(DataTable[Text | str]):
    """Entries as rows keyed by entry id."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.units = "km"
        self.keep: Callable[[Entry], bool] = lambda _entry: True
        self._keys: dict[str, str] = {}

    def setup_columns(self, units: str) -> None:
        """(Re)create the columns with the distance unit in the header."""
        self.units = units
        self.clear(columns=True)
        labels = ("Date", "Activity", unit_label(units), "min", "Pain", "Morn", "Note")
        for key, label in zip(COLUMNS, labels, strict=True):
            self.add_column(label, key=key, width=NOTE_COLUMN if key == "note" else None)

    def cells(self, entry: Entry) -> list[Text | str]:
        """The row for one entry; notes are shown as literal text, control characters visible."""
        minutes = "" if entry.duration_min is None else f"{entry.duration_min:g}"
        morning = "" if entry.pain_next_morning is None else str(entry.pain_next_morning)
        return [
            entry.date.isoformat(),
            ACTIVITY_LABELS[entry.activity],
            format_distance(entry.distance_km, self.units, with_unit=False),
            minutes,
            pain_change(entry),
            morning,
            Text(printable(entry.note)[:NOTE_WIDTH], no_wrap=True, overflow="ellipsis"),
        ]

    def fill(self, entries: Iterable[Entry]) -> None:
        """Replace every row with the entries that pass the filter, newest first."""
        self.clear()
        chosen = sorted((e for e in entries if self.keep(e)), key=sort_key, reverse=True)
        self._keys = {e.id: sort_key(e) for e in chosen}
        self.add_rows_keyed(chosen)

    def add_rows_keyed(self, entries: list[Entry]) -> None:
        """Append rows keyed by entry id."""
        for entry in entries:
            self.add_row(*self.cells(entry), key=entry.id)

    def upsert(self, entry: Entry) -> None:
        """Show a new or changed entry without rebuilding the other rows."""
        if not self.keep(entry):
            self.discard(entry.id)
            return
        key = sort_key(entry)
        if entry.id in self._keys and self._keys[entry.id] == key:
            for column, value in zip(COLUMNS, self.cells(entry), strict=True):
                try:
                    self.update_cell(entry.id, column, value)
                except CellDoesNotExist:
                    break
            return
        self.discard(entry.id)
        self.add_row(*self.cells(entry), key=entry.id)
        self._keys[entry.id] = key
        # Stable sort: same-day rows keep the order they were added in, as after fill().
        self.sort("date", reverse=True)
        self.select(entry.id)

    def discard(self, entry_id: str) -> None:
        """Remove an entry's row if it is shown."""
        self._keys.pop(entry_id, None)
        try:
            self.remove_row(entry_id)
        except RowDoesNotExist:
            pass

    def select(self, entry_id: str) -> None:
        """Move the cursor to an entry's row."""
        try:
            self.move_cursor(row=self.get_row_index(entry_id), animate=False)
        except RowDoesNotExist:
            pass

    def selected_id(self) -> str | None:
        """The id of the entry under the cursor."""
        if self.row_count == 0:
            return None
        try:
            key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        except CellDoesNotExist:
            return None
        return key.value
