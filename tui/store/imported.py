"""Saving activities imported from watch and phone files, each at most once.

An activity is already in the log when an entry of the same activity started within a
minute of it (`tui.domain.activities.SAME_START`), or an entry from the same file (by its
content hash) did: so importing a folder twice adds nothing, a Strava export that holds the
watch's own file adds nothing more, and an imported run whose activity was since changed in
the Log is still recognised. The look-up uses the `entries_by_start` index (schema 2).

An activity is also already in the log when a run typed by hand matches it: same local date,
same activity, distance within 5 % (or duration within 5 minutes when there is no distance;
`tui.domain.activities.same_as_typed`). Each typed entry stands for one activity only.

Everything given is saved in one transaction, so a folder import is all there or not at
all; activities earlier in the same import count as already there, like those in the log.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo

from tui.domain.activities import SAME_START, ImportedActivity, entry_for, same_as_typed
from tui.domain.journal import ON_FEET_ACTIVITIES, Entry, Journal, Shoe
from tui.store.db import Database
from tui.store.journal import insert_journal

_STARTED = "json_valid(data) AND json_extract(data, '$.started_at')"
"""The `entries_by_start` index's condition and expression: SQLite uses the index only for
a query that names both exactly so."""
_FIND = (
    f"SELECT 1 FROM entries WHERE {_STARTED} BETWEEN ? AND ? "
    "AND (activity = ? OR json_extract(data, '$.source.sha256') = ?) LIMIT 1"
)


@dataclass
class Saved:
    """What saving did: entries added, activities already in the log, shoes made."""

    added: list[str] = field(default_factory=list)
    """The ids of the entries added, in the order given."""
    already: int = 0
    """Activities already in the log, counting those that matched a typed entry."""
    typed: int = 0
    """Of `already`, the activities that matched an entry typed by hand."""
    new_shoes: list[str] = field(default_factory=list)
    """Names of the shoes created for gear the export named."""


def _stamp(when: datetime) -> str:
    """An instant as the journal writes `started_at` (UTC, ending in Z: `tui.domain.record`)."""
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_known(con: sqlite3.Connection, activity: ImportedActivity, kind: str) -> bool:
    """Whether the log already holds this activity (inside the caller's transaction)."""
    start = activity.start.replace(microsecond=0)
    row = con.execute(_FIND, (_stamp(start - SAME_START), _stamp(start + SAME_START), kind,
                              activity.source.sha256)).fetchone()
    return row is not None


_TYPED = (
    "SELECT id, data FROM entries WHERE date = ? AND activity = ? "
    "AND json_extract(data, '$.source') IS NULL"
)


def typed_match(con: sqlite3.Connection, entry: Entry, taken: set[str]) -> str | None:
    """The id of an entry typed by hand that records the same activity as this imported
    entry (`same_as_typed`), other than those in `taken`; None when there is none."""
    for entry_id, data in con.execute(_TYPED, (entry.date.isoformat(), entry.activity)):
        if entry_id in taken:
            continue
        try:
            typed = Entry.model_validate_json(data)
        except ValueError:  # an unreadable row is not a match
            continue
        if same_as_typed(entry, typed):
            return str(entry_id)
    return None


def known_hashes(db: Database) -> frozenset[str]:
    """The content hashes of every file imported so far: such a file need not be read again
    (a scan of the entries' JSON, about 25 ms at 36,500 entries)."""
    with db.read() as con:
        rows = con.execute("SELECT json_extract(data, '$.source.sha256') FROM entries "
                           "WHERE json_valid(data) AND json_extract(data, '$.source.sha256') "
                           "IS NOT NULL")
        return frozenset(row[0] for row in rows)


def save_activities(db: Database, activities: Iterable[ImportedActivity],
                    tz: tzinfo) -> Saved:
    """Add every activity not already in the log, in one transaction.

    The shoe is the one the export's gear names (by name, ignoring case), or a new pair of
    that name; only for activities on foot (a bike's gear is not a shoe). An entry on or
    after the start of the open injury episode belongs to it, as a typed one does.
    """
    saved = Saved()
    with db.write() as con:
        shoes = {name.strip().casefold(): shoe_id for shoe_id, name in
                 con.execute("SELECT id, name FROM shoes ORDER BY rowid DESC")}
        episode = con.execute("SELECT id, started FROM episodes WHERE ended IS NULL "
                              "ORDER BY started DESC, rowid DESC LIMIT 1").fetchone()
        taken: set[str] = set()
        for activity in activities:
            kind = activity.kind()
            if is_known(con, activity, kind):
                saved.already += 1
                continue
            match = typed_match(con, entry_for(activity, tz), taken)
            if match is not None:
                taken.add(match)
                saved.already += 1
                saved.typed += 1
                continue
            shoe, made = None, []
            gear = (activity.gear or "").strip()[:80].strip()
            if gear and kind in ON_FEET_ACTIVITIES:
                shoe = shoes.get(gear.casefold())
                if shoe is None:
                    made = [Shoe(name=gear)]
                    shoe = shoes[gear.casefold()] = made[0].id
                    saved.new_shoes.append(gear)
            entry = entry_for(activity, tz, shoe=shoe)
            if episode is not None and entry.date.isoformat() >= episode[1]:
                entry = entry.model_copy(update={"episode": episode[0]})
            # One at a time, so a later activity in this import finds this one.
            insert_journal(con, Journal(entries=[entry], shoes=made))
            saved.added.append(entry.id)
    return saved
