"""The recovery journal in the database: entries, injury episodes and shoes.

Every change is one statement in a `BEGIN IMMEDIATE` transaction (`Database.write`), so two
open copies of the app and the CLI never lose each other's work. Entries are listed in the
order they were added (their rowid); an edit keeps that place. Each row keeps the queried
columns (date, activity, distance, duration, episode, shoe) beside the whole validated entry
as JSON, so a later field needs no migration to be kept. Weekly totals and the longest
recent run are summed in SQL.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from tui.domain.journal import RUNNING_ACTIVITIES, Entry, Episode, Journal, Shoe
from tui.store.db import Database

_ENTRY_COLUMNS = "id, date, activity, distance_km, duration_min, episode, shoe, data"
_RUNNING = tuple(sorted(RUNNING_ACTIVITIES))


def _entry_row(entry: Entry) -> tuple[Any, ...]:
    """The row for one entry: queried columns, then the whole entry as JSON."""
    return (
        entry.id, entry.date.isoformat(), entry.activity, entry.distance_km,
        entry.duration_min, entry.episode, entry.shoe,
        entry.model_dump_json(exclude_none=True),
    )


def _episode_row(episode: Episode) -> tuple[Any, ...]:
    return (
        episode.id, episode.started.isoformat(),
        episode.ended.isoformat() if episode.ended else None,
        episode.model_dump_json(exclude_none=True),
    )


def _shoe_row(shoe: Shoe) -> tuple[Any, ...]:
    return (shoe.id, shoe.name, shoe.start_km, int(shoe.retired))


_UPSERT_ENTRY = (
    f"INSERT INTO entries ({_ENTRY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET date = excluded.date, activity = excluded.activity, "
    "distance_km = excluded.distance_km, duration_min = excluded.duration_min, "
    "episode = excluded.episode, shoe = excluded.shoe, data = excluded.data"
)
_UPSERT_EPISODE = (
    "INSERT INTO episodes (id, started, ended, data) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET started = excluded.started, ended = excluded.ended, "
    "data = excluded.data"
)
_UPSERT_SHOE = (
    "INSERT INTO shoes (id, name, start_km, retired) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (id) DO UPDATE SET name = excluded.name, start_km = excluded.start_km, "
    "retired = excluded.retired"
)


# --- writing ---------------------------------------------------------------------------


def replace_entry(db: Database, entry: Entry) -> Entry:
    """Add the entry, or replace the one with the same id in its place."""
    with db.write() as con:
        con.execute(_UPSERT_ENTRY, _entry_row(entry))
    return entry


add_entry = replace_entry


def delete_entry(db: Database, entry_id: str) -> Entry | None:
    """Remove the entry with this id; return it (for undo), or None if it was not there."""
    with db.write() as con:
        row = con.execute("SELECT data FROM entries WHERE id = ?", (entry_id,)).fetchone()
        con.execute("DELETE FROM entries WHERE id = ?", (entry_id,))
    return Entry.model_validate_json(row[0]) if row else None


def replace_episode(db: Database, episode: Episode) -> Episode:
    """Add the episode, or replace the one with the same id."""
    with db.write() as con:
        con.execute(_UPSERT_EPISODE, _episode_row(episode))
    return episode


start_episode = replace_episode


def replace_shoe(db: Database, shoe: Shoe) -> Shoe:
    """Add the pair of shoes, or replace the one with the same id."""
    with db.write() as con:
        con.execute(_UPSERT_SHOE, _shoe_row(shoe))
    return shoe


add_shoe = replace_shoe


def insert_journal(con: sqlite3.Connection, journal: Journal) -> tuple[int, int, int]:
    """Insert everything in a journal that is not there yet (by id), inside the caller's
    transaction; return how many entries, episodes and shoes were added."""

    def insert(sql: str, rows: list[tuple[Any, ...]]) -> int:
        before = con.total_changes
        con.executemany(sql, rows)
        return con.total_changes - before

    shoes = insert("INSERT OR IGNORE INTO shoes (id, name, start_km, retired) "
                   "VALUES (?, ?, ?, ?)", [_shoe_row(s) for s in journal.shoes])
    episodes = insert("INSERT OR IGNORE INTO episodes (id, started, ended, data) "
                      "VALUES (?, ?, ?, ?)", [_episode_row(e) for e in journal.episodes])
    entries = insert(f"INSERT OR IGNORE INTO entries ({_ENTRY_COLUMNS}) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", [_entry_row(e) for e in journal.entries])
    return entries, episodes, shoes


def import_journal(db: Database, journal: Journal) -> tuple[int, int, int]:
    """Add a whole journal (an export read back) in one transaction; ids already there are
    skipped. Returns (entries, episodes, shoes) added."""
    with db.write() as con:
        return insert_journal(con, journal)


# --- reading ---------------------------------------------------------------------------


def _entries(rows: list[tuple[str]]) -> list[Entry]:
    return [Entry.model_validate_json(row[0]) for row in rows]


def load_journal(db: Database, since: date | None = None) -> Journal:
    """Every episode and pair of shoes, and the entries (all, or from `since` on: then the
    journal also counts the older ones and their kilometres per shoe), in the order added."""
    with db.read() as con:
        if since is None:
            entries = con.execute("SELECT data FROM entries ORDER BY rowid").fetchall()
            earlier, shoe_km = 0, {}
        else:
            entries = con.execute("SELECT data FROM entries WHERE date >= ? ORDER BY rowid",
                                  (since.isoformat(),)).fetchall()
            earlier = con.execute("SELECT count(*) FROM entries WHERE date < ?",
                                  (since.isoformat(),)).fetchone()[0]
            shoe_km = shoe_km_total(db, before=since)
        episodes = con.execute("SELECT data FROM episodes ORDER BY rowid").fetchall()
        shoes = con.execute(
            "SELECT id, name, start_km, retired FROM shoes ORDER BY rowid").fetchall()
    return Journal(
        entries=_entries(entries),
        episodes=[Episode.model_validate_json(row[0]) for row in episodes],
        shoes=[Shoe(id=i, name=n, start_km=k, retired=bool(r)) for i, n, k, r in shoes],
        earlier_entries=earlier, shoe_km_before=shoe_km,
    )




def entries(
    db: Database, *, since: date | None = None, until: date | None = None,
    activity: str | None = None, limit: int | None = None, newest_first: bool = False,
) -> list[Entry]:
    """Entries filtered by date range and activity, in the order added (or newest first)."""
    sql, args = "SELECT data FROM entries WHERE 1", []
    if since is not None:
        sql, args = sql + " AND date >= ?", [*args, since.isoformat()]
    if until is not None:
        sql, args = sql + " AND date <= ?", [*args, until.isoformat()]
    if activity is not None:
        sql, args = sql + " AND activity = ?", [*args, activity]
    sql += " ORDER BY date DESC, rowid DESC" if newest_first else " ORDER BY rowid"
    if limit is not None:
        sql, args = sql + " LIMIT ?", [*args, limit]
    with db.read() as con:
        return _entries(con.execute(sql, args).fetchall())




def open_episode(db: Database) -> Episode | None:
    """The most recent episode that has not ended."""
    with db.read() as con:
        row = con.execute("SELECT data FROM episodes WHERE ended IS NULL "
                          "ORDER BY started DESC, rowid DESC LIMIT 1").fetchone()
    return Episode.model_validate_json(row[0]) if row else None


def weekly_running_km(db: Database, first_monday: date, last_day: date) -> dict[date, float]:
    """Running distance (run, jog/walk) per Monday-to-Sunday week, summed in SQL."""
    sql = (
        "SELECT date(date, '-' || ((CAST(strftime('%w', date) AS INTEGER) + 6) % 7) "
        "|| ' days') AS monday, sum(distance_km) FROM entries "
        f"WHERE activity IN ({', '.join('?' * len(_RUNNING))}) AND distance_km > 0 "
        "AND date BETWEEN ? AND ? GROUP BY monday"
    )
    with db.read() as con:
        rows = con.execute(sql, (*_RUNNING, first_monday.isoformat(), last_day.isoformat()))
        return {date.fromisoformat(monday): round(km, 3) for monday, km in rows}


def longest_run_km(db: Database, before: date, days: int = 30) -> float:
    """The longest single run in the `days` before `before` (0 if none), from SQL."""
    sql = (f"SELECT max(distance_km) FROM entries WHERE activity IN "
           f"({', '.join('?' * len(_RUNNING))}) AND date >= ? AND date < ?")
    with db.read() as con:
        (km,) = con.execute(
            sql, (*_RUNNING, (before - timedelta(days=days)).isoformat(), before.isoformat())
        ).fetchone()
    return km or 0.0


def load_shoes(db: Database) -> list[Shoe]:
    """Every pair of shoes, in the order added."""
    with db.read() as con:
        rows = con.execute("SELECT id, name, start_km, retired FROM shoes ORDER BY rowid")
        return [Shoe(id=i, name=n, start_km=k, retired=bool(r)) for i, n, k, r in rows]


def shoe_km_total(db: Database, before: date | None = None) -> dict[str, float]:
    """Distance logged on each pair of shoes (before a day, if given), summed in SQL."""
    sql = "SELECT shoe, sum(distance_km) FROM entries WHERE shoe IS NOT NULL AND distance_km > 0"
    args: tuple[str, ...] = ()
    if before is not None:
        sql, args = sql + " AND date < ?", (before.isoformat(),)
    with db.read() as con:
        return {shoe: km for shoe, km in con.execute(sql + " GROUP BY shoe", args)}



def latest_episode_start(db: Database, ended_since: date) -> date | None:
    """When the open episode began (else the latest one, if it ended on `ended_since` or
    later): the app's window reaches back to it, since its plan replays every session."""
    with db.read() as con:
        row = con.execute(
            "SELECT started FROM episodes WHERE ended IS NULL OR ended >= ? "
            "ORDER BY (ended IS NULL) DESC, started DESC LIMIT 1", (ended_since.isoformat(),)
        ).fetchone()
    return date.fromisoformat(row[0]) if row else None
