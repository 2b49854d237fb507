"""The app's live state in the database: the ice timer, its cycle and today's PRICER ticks,
and the drills routine in progress.

Each is one validated model kept as JSON in the `state` table. `update_state` reads, changes
and writes it in one `BEGIN IMMEDIATE` transaction, so a journal entry written by the change
(an ice session logged as it leaves the clock) commits with it, or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from tui.store.db import Database
from tui.store.files import StoreError

ICE = "ice"
ROUTINE = "routine"
M = TypeVar("M", bound=BaseModel)


def _read(con: sqlite3.Connection, name: str, model: type[M]) -> M:
    row = con.execute("SELECT data FROM state WHERE name = ?", (name,)).fetchone()
    if row is None:
        return model()
    try:
        return model.model_validate_json(row[0])
    except ValidationError as error:
        raise StoreError(f"the saved {name} state cannot be read ({error.error_count()} "
                         "problem(s)); it will be reset") from error


def write_state(con: sqlite3.Connection, name: str, value: BaseModel) -> None:
    """Store `value` as the state called `name` (inside the caller's transaction)."""
    con.execute(
        "INSERT INTO state (name, data) VALUES (?, ?) "
        "ON CONFLICT (name) DO UPDATE SET data = excluded.data",
        (name, value.model_dump_json(exclude_none=True)),
    )


def read_state(db: Database, name: str, model: type[M],
               warn: Callable[[str], None] | None = None) -> M:
    """The state called `name`; a fresh one if there is none, or (said through `warn`) if
    what is stored no longer validates."""
    with db.read() as con:
        try:
            return _read(con, name, model)
        except StoreError as error:
            if warn is None:
                raise
            warn(str(error))
            return model()


def save_state(db: Database, name: str, value: BaseModel) -> None:
    """Replace the state called `name`."""
    with db.write() as con:
        write_state(con, name, value)


def update_state(db: Database, name: str, model: type[M], change: Callable[[M], M]) -> M:
    """Apply `change` to the state as stored now, in one transaction; return what was
    written. Writes the change makes to the journal commit with it."""
    with db.write() as con:
        try:
            current = _read(con, name, model)
        except StoreError:
            current = model()  # unreadable state: start again rather than stay stuck
        new = change(current)
        write_state(con, name, new)
        return new
