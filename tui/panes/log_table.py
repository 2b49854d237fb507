"""The journal table: newest first, filtered, updated row by row instead of rebuilt."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.text import Text
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist, RowKey

from tui.domain.journal import ACTIVITY_LABELS, Entry, pain_change, printable
from tui.domain.units import format_distance, unit_label

COLUMNS = ("date", "activity", "distance", "minutes", "pain", "morning", "note")
WIDTHS = (10, 8, 6, 5, 5, 4, 24)
"""Fixed widths: no measuring of 3,650 rows, and the row fits 80 columns."""
SHORT_LABELS = {**ACTIVITY_LABELS, "strength": "Strength"}
FIRST_BATCH = 100
LATER_BATCH = 1000
NOTE_WIDTH = 60



def sort_key(entry: Entry) -> str:
    """Rows sort by date; same-day entries keep the order they were logged in."""
    return entry.date.isoformat()


class JournalTable(DataTable[Text]):
    """Entries as rows keyed by entry id."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.units = "km"
        self.keep: Callable[[Entry], bool] = lambda _entry: True
        self._keys: dict[str, str] = {}
        self._fill_generation = 0

    def setup_columns(self, units: str) -> None:
        """(Re)create the columns with the distance unit in the header."""
        self.units = units
        self.clear(columns=True)
        labels = ("Date", "Activity", unit_label(units), "min", "Pain", "Morn", "Note")
        for key, label, width in zip(COLUMNS, labels, WIDTHS, strict=True):
            self.add_column(label, key=key, width=width)

    def cells(self, entry: Entry) -> list[Text]:
        """The row for one entry, all plain Text (never parsed as markup; control chars shown)."""
        minutes = "" if entry.duration_min is None else f"{entry.duration_min:g}"
        morning = "" if entry.pain_next_morning is None else str(entry.pain_next_morning)
        return [
            Text(entry.date.isoformat()),
            Text(SHORT_LABELS[entry.activity]),
            Text(format_distance(entry.distance_km, self.units, with_unit=False)),
            Text(minutes),
            Text(pain_change(entry)),
            Text(morning),
            Text(printable(entry.note)[:NOTE_WIDTH], no_wrap=True, overflow="ellipsis"),
        ]

    def fill(self, entries: Iterable[Entry]) -> None:
        """Replace every row with the entries that pass the filter, newest first.

        The first screenful goes in at once; older rows follow in batches between frames,
        since DataTable measures every cell it is given (a ten-year log has 25,000 cells).
        """
        self.clear()
        self._fill_generation += 1
        chosen = sorted((e for e in entries if self.keep(e)), key=sort_key, reverse=True)
        self._keys = {e.id: sort_key(e) for e in chosen}
        self._add_batch(chosen, 0, self._fill_generation, FIRST_BATCH)

    def _add_batch(self, entries: list[Entry], start: int, generation: int, size: int) -> None:
        """Append one batch of rows, then schedule the next (unless a newer fill began)."""
        if generation != self._fill_generation:
            return
        for entry in entries[start : start + size]:
            if entry.id in self._keys and entry.id not in self.rows:
                self.add_row(*self.cells(entry), key=entry.id)
        if start + size < len(entries):
            self.set_timer(
                0.02, lambda: self._add_batch(entries, start + size, generation, LATER_BATCH)
            )

    @property
    def entry_count(self) -> int:
        """How many entries pass the filter (rows still being added included)."""
        return len(self._keys)

    @property
    def filling(self) -> bool:
        """Whether older rows are still being added."""
        return len(self.rows) < len(self._keys)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """Size the table without measuring cells: every column is fixed and rows are one line.

        DataTable measures each new cell to size auto-width columns; with fixed widths that
        work is thrown away, and for 3,650 entries it took over a second. (Textual is pinned,
        so leaning on DataTable's internals here is checked by the tests on every bump.)
        """
        if any(column.auto_width for column in self.columns.values()):
            super()._update_dimensions(new_rows)
            return
        data_width = sum(column.get_render_width(self) for column in self.columns.values())
        header = self.header_height if self.show_header else 0
        self.virtual_size = Size(
            data_width + self._row_label_column_width, self._total_row_height + header
        )

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
        self.sort("date", key=lambda cell: cell.plain, reverse=True)
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
