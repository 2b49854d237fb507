"""The app's live state in the database: the ice timer, its cycle and today's PRICER ticks,
and the drills routine in progress.

Each is one validated model kept as JSON in the `state` table. `update_state` reads, changes
and writes it in one `BEGIN IMMEDIATE` transaction, so a journal entry written by the change
(an ice session logged as it leaves the clock) commits with it, or not at all.

A stored state that no longer validates (wrong types, a date-time without an offset, not
JSON at all) is treated like a corrupt file: its text is moved, unchanged, to a row named
`<name>.corrupt-<stamp>` (kept for the user or a bug report, never read again), the user is
told through `warn`, and a fresh state is used. Nothing crashes on it and nothing is lost.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TypeVar

from tui.domain.record import Record, RecordError
from tui.store.db import Database
from tui.store.files import StoreError, now_stamp

ICE = "ice"
ROUTINE = "routine"
M = TypeVar("M", bound=Record)


class UnreadableStateError(StoreError):
    """The stored state does not validate; `data` is its text as stored."""

    def __init__(self, name: str, data: str, reason: str) -> None:
        """Say which state could not be read, and keep its text."""
        super().__init__(f"the saved {name} state cannot be read ({reason})")
        self.name, self.data, self.reason = name, data, reason


def _reason(error: RecordError) -> str:
    """The first problem in a line: "timer.started_at: Input should have timezone info"."""
    return error.summary()


def _read(con: sqlite3.Connection, name: str, model: type[M]) -> M:
    """The state called `name` (a fresh one if none); UnreadableStateError if it is bad."""
    row = con.execute("SELECT data FROM state WHERE name = ?", (name,)).fetchone()
    if row is None:
        return model()
    data = row[0]
    if not isinstance(data, str):  # a BLOB or number put there by hand
        data = data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
        raise UnreadableStateError(name, data, "not text")
    try:
        return model.model_validate_json(data)
    except RecordError as error:
        raise UnreadableStateError(name, data, _reason(error)) from error


def _set_aside(con: sqlite3.Connection, name: str) -> str | None:
    """Inside a write transaction: move the row `name`, byte-for-byte, to a new row
    `<name>.corrupt-<stamp>`; return the new name (None if the row is gone)."""
    base = f"{name}.corrupt-{now_stamp()}"
    target, n = base, 0
    while con.execute("SELECT 1 FROM state WHERE name = ?", (target,)).fetchone():
        n += 1
        target = f"{base}-{n}"
    moved = con.execute(
        "INSERT INTO state (name, data) SELECT ?, data FROM state WHERE name = ?", (target, name)
    ).rowcount
    con.execute("DELETE FROM state WHERE name = ?", (name,))
    return target if moved else None


def _told(error: UnreadableStateError, kept_as: str | None) -> str:
    """What the user is told about an unreadable state."""
    where = f"kept, unchanged, as {kept_as!r} in the database" if kept_as else "gone"
    return f"The saved {error.name} state could not be read ({error.reason}); it was {where}, " \
           "and a fresh one is used."


def write_state(con: sqlite3.Connection, name: str, value: Record) -> None:
    """Store `value` as the state called `name` (inside the caller's transaction)."""
    con.execute(
        "INSERT INTO state (name, data) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET data = excluded.data",
        (name, value.model_dump_json(exclude_none=True)),
    )


def read_state(db: Database, name: str, model: type[M],
               warn: Callable[[str], None] | None = None) -> M:
    """The state called `name`; a fresh one if there is none.

    If what is stored no longer validates: without `warn`, UnreadableStateError (a
    StoreError). With `warn`, it is set aside (see the module) and a fresh state returned;
    if the database cannot be written (read-only), it is left in place and `warn` says so.
    """
    with db.read() as con:
        try:
            return _read(con, name, model)
        except UnreadableStateError as error:
            if warn is None:
                raise
            found = error
    try:
        with db.write(journal=False) as con:  # a second look: another process may have fixed it
            try:
                return _read(con, name, model)
            except UnreadableStateError as again:
                found, kept_as = again, _set_aside(con, name)
    except (StoreError, OSError) as failure:
        warn(f"The saved {name} state could not be read ({found.reason}) nor set aside "
             f"({failure}); a fresh one is used for now.")
        return model()
    warn(_told(found, kept_as))
    return model()


def save_state(db: Database, name: str, value: Record) -> None:
    """Replace the state called `name` (app state only: the journal's count stays)."""
    with db.write(journal=False) as con:
        write_state(con, name, value)


def update_state(db: Database, name: str, model: type[M], change: Callable[[M], M],
                 warn: Callable[[str], None] | None = None) -> M:
    """Apply `change` to the state as stored now, in one transaction; return what was
    written. Writes the change makes to the journal commit with it.

    An unreadable stored state is set aside in the same transaction, the change applies to
    a fresh one, and `warn` (default: the database's) says so once it has committed.
    """
    told: str | None = None
    with db.write() as con:
        try:
            current = _read(con, name, model)
        except UnreadableStateError as error:
            told = _told(error, _set_aside(con, name))
            current = model()  # start again rather than stay stuck
        new = change(current)
        write_state(con, name, new)
    if told is not None:
        (warn or db.warn)(told)
    return new
