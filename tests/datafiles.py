"""Test helpers: put data into a data folder's database, and read it back, as a test would
check it by hand (each call opens its own connection, like another process)."""

from __future__ import annotations

from pathlib import Path

from tui.domain.ice import IceState
from tui.domain.journal import Journal
from tui.domain.routine import RoutineState
from tui.store import Database
from tui.store.journal import import_journal, load_journal
from tui.store.state import ICE, ROUTINE, read_state, save_state


def database(data_dir: Path) -> Database:
    """A fresh handle on the folder's database."""
    return Database(Path(data_dir))


def read_journal(data_dir: Path) -> Journal:
    """Everything in the journal, as another process would read it."""
    return load_journal(database(data_dir))


def write_journal(data_dir: Path, journal: Journal) -> None:
    """Put a whole journal into the folder (ids already there are skipped)."""
    import_journal(database(data_dir), journal)


def journal_is_empty(data_dir: Path) -> bool:
    """No entries, episodes or shoes (or no database at all)."""
    if not (Path(data_dir) / "footpain.db").exists():
        return True
    journal = read_journal(data_dir)
    return not (journal.entries or journal.episodes or journal.shoes)


def read_ice(data_dir: Path) -> IceState:
    """The stored ice state."""
    return read_state(database(data_dir), ICE, IceState)


def write_ice(data_dir: Path, state: IceState) -> None:
    """Replace the stored ice state."""
    save_state(database(data_dir), ICE, state)


def read_routine(data_dir: Path) -> RoutineState:
    """The stored drills routine state."""
    return read_state(database(data_dir), ROUTINE, RoutineState)
