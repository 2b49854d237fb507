"""The journal table: newest first, filtered, updated row by row instead of rebuilt.

Only the rows near the view are in the DataTable; older entries wait in line and are added
as the user moves down to them, so opening a ten-year journal costs what a new one does.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable

from rich.text import Text
from textual.coordinate import Coordinate
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from tui.domain.journal import ACTIVITY_LABELS, Entry, pain_change
from tui.domain.text import printable
from tui.domain.units import format_distance, unit_label
from tui.widgets._textual_compat import FixedSizeDataTable

COLUMNS = ("date", "activity", "distance", "minutes", "pain", "morning", "note")
WIDTHS = (10, 9, 6, 5, 5, 4, 23)
"""Fixed widths: no measuring of 3,650 rows, and the row fits 80 columns."""
SHORT_LABELS = {**ACTIVITY_LABELS, "strength": "Strength"}
FIRST_BATCH = 100
"""Rows put in the table when it is filled: a few screenfuls, newest first."""
LATER_BATCH = 200
"""Rows added at a time as the user moves or scrolls down towards older entries."""
LOAD_AHEAD = 60
"""Keep at least this many rows loaded below the cursor or the bottom of the view."""
NOTE_WIDTH = 60
IMPORTED = "↓"
"""Beside the activity of an entry imported from a watch's or phone's file."""


def sort_key(entry: Entry) -> str:
    """Rows sort by date; same-day entries keep the order they were logged in."""
    return entry.date.isoformat()


class JournalTable(FixedSizeDataTable):
    """Entries as rows keyed by entry id."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)  # type: ignore[arg-type]
        self.units = "km"
        self.keep: Callable[[Entry], bool] = lambda _entry: True
        self._keys: dict[str, str] = {}
        """Every entry that passes the filter (shown or still pending) and its sort key."""
        self._pending: list[Entry] = []
        """Entries not yet added as rows, oldest first (the next one to add is last)."""

    def setup_columns(self, units: str) -> None:
        """(Re)create the columns with the distance unit in the header."""
        self.units = units
        self.clear(columns=True)
        labels = ("Date", "Activity", unit_label(units), "min", "Pain", "Morn", "Note")
        for key, label, width in zip(COLUMNS, labels, WIDTHS, strict=True):
            self.add_column(Text(label), key=key, width=width)  # a str is parsed as markup,
            # which loads Rich's emoji table (1.4 MiB kept for the life of the app)

    def cells(self, entry: Entry) -> list[Text]:
        """The row for one entry, all plain Text (never parsed as markup; control chars shown)."""
        minutes = "" if entry.duration_min is None else f"{entry.duration_min:g}"
        morning = "" if entry.pain_next_morning is None else str(entry.pain_next_morning)
        return [
            Text(entry.date.isoformat()),
            Text(SHORT_LABELS[entry.activity])
            + (Text(f" {IMPORTED}", style="dim") if entry.source is not None else Text("")),
            Text(format_distance(entry.distance_km, self.units, with_unit=False)),
            Text(minutes),
            Text(pain_change(entry)),
            Text(morning),
            Text(printable(entry.note)[:NOTE_WIDTH], no_wrap=True, overflow="ellipsis"),
        ]

    def fill(self, entries: Iterable[Entry]) -> None:
        """Replace every row with the entries that pass the filter, newest first.

        Only the newest rows go in now; older ones are added as the cursor or the scroll
        position comes near them (see `_load_near`). DataTable pays for every row it holds,
        so a ten-year log (3,650 rows) opens as fast as a new one. The cursor stays on the
        entry it was on when that entry is still shown: a refill comes from anyone's commit
        (a drill routine saves each step), and must not throw the reader back to the top.
        """
        was_on = self.selected_id()
        self._pending = []  # before clear(): moving the cursor home must not add stale rows
        self.clear()
        chosen = sorted((e for e in entries if self.keep(e)), key=sort_key, reverse=True)
        self._keys = {e.id: sort_key(e) for e in chosen}
        for entry in chosen[:FIRST_BATCH]:
            self.add_row(*self.cells(entry), key=entry.id)
        self._pending = chosen[FIRST_BATCH:]  # after the rows: adding one moves the cursor
        self._pending.reverse()  # oldest first, so the next rows pop off the end cheaply
        if was_on is not None and was_on in self._keys:
            self.select(was_on)

    def _load_more(self, count: int) -> None:
        """Add up to `count` of the waiting rows, newest first."""
        waiting, self._pending = self._pending, []  # add_row re-sets the cursor: no recursion
        for _ in range(min(count, len(waiting))):
            entry = waiting.pop()
            self.add_row(*self.cells(entry), key=entry.id)
        self._pending = waiting

    def _load_near(self, row: int) -> None:
        """Make sure rows up to `row` and a screenful or two past it are in the table."""
        if self._pending and row + LOAD_AHEAD >= len(self.rows):
            self._load_more(row + LOAD_AHEAD - len(self.rows) + LATER_BATCH)

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        """Moving the cursor towards the oldest loaded row loads the next ones."""
        super().watch_cursor_coordinate(old, new)
        self._load_near(new.row)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """Scrolling (wheel, scrollbar) towards the oldest loaded row loads the next ones."""
        super().watch_scroll_y(old_value, new_value)
        self._load_near(round(new_value) + self.size.height)

    def action_scroll_bottom(self) -> None:
        """End goes to the oldest entry, so every row has to be there first."""
        self._load_more(len(self._pending))
        super().action_scroll_bottom()

    @property
    def entry_count(self) -> int:
        """How many entries pass the filter (rows not added yet included)."""
        return len(self._keys)

    @property
    def filling(self) -> bool:
        """Whether older rows are still waiting to be added."""
        return bool(self._pending)

    def upsert(self, entry: Entry) -> None:
        """Show a new or changed entry without rebuilding the other rows."""
        if not self.keep(entry):
            self.discard(entry.id)
            return
        key = sort_key(entry)
        if entry.id in self._keys and self._keys[entry.id] == key:
            if (index := self._pending_index(entry.id)) is not None:
                self._pending[index] = entry
                return
            for column, value in zip(COLUMNS, self.cells(entry), strict=True):
                try:
                    self.update_cell(entry.id, column, value)
                except CellDoesNotExist:
                    break
            return
        self.discard(entry.id)
        self._keys[entry.id] = key
        if self._pending and key <= sort_key(self._pending[-1]):
            # Older than the rows shown: wait in line, after any same-day entries.
            self._pending.insert(bisect_left(self._pending, key, key=sort_key), entry)
        else:
            self.add_row(*self.cells(entry), key=entry.id)
            # Stable sort: same-day rows keep the order they were added in, as after fill().
            self.sort("date", key=lambda cell: cell.plain, reverse=True)
        self.select(entry.id)

    def _pending_index(self, entry_id: str) -> int | None:
        """Where an entry waits among the rows not added yet, if it does."""
        return next((i for i, e in enumerate(self._pending) if e.id == entry_id), None)

    def discard(self, entry_id: str) -> None:
        """Remove an entry's row (or its place in line) if it is there."""
        self._keys.pop(entry_id, None)
        if (index := self._pending_index(entry_id)) is not None:
            del self._pending[index]
            return
        try:
            self.remove_row(entry_id)
        except RowDoesNotExist:
            pass

    def select(self, entry_id: str) -> None:
        """Move the cursor to an entry's row, adding the rows down to it if needed."""
        if (index := self._pending_index(entry_id)) is not None:
            self._load_more(len(self._pending) - index)
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
