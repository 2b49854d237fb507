"""Reading and changing user data through the store, shared by the TUI and the CLI.

Each change is a small function applied by `Store.update` to what is on disk at that moment,
under the lock, so two open copies (two SSH logins) never lose each other's changes.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from tui.domain.journal import JOURNAL_FILE, Entry, Episode, Journal, Shoe
from tui.domain.settings import SETTINGS_FILE, Settings
from tui.store import FILE_MODE, CorruptFileError, Store

M = TypeVar("M", bound=BaseModel)


def load_or_recover(
    store: Store, name: str, model: type[M], warn: Callable[[str], None]
) -> M:
    """Read `name`; if it cannot be read, move it aside untouched, say so, and start fresh."""
    try:
        return store.read(name, model)
    except CorruptFileError as error:
        moved = store.quarantine(name)
        warn(
            f"{name} could not be read ({error.reason}). It was kept, unchanged, as "
            f"{moved.name if moved else '(missing)'}; starting with a fresh {name}."
        )
        return model()


def load_journal(store: Store, warn: Callable[[str], None]) -> Journal:
    """The journal, recovering from a corrupt file."""
    return load_or_recover(store, JOURNAL_FILE, Journal, warn)


def load_settings(store: Store, warn: Callable[[str], None]) -> Settings:
    """The settings, recovering from a corrupt file."""
    return load_or_recover(store, SETTINGS_FILE, Settings, warn)


def save_settings(store: Store, settings: Settings) -> Settings:
    """Write every settings field as given (settings have one writer: the settings screen)."""
    return store.update(SETTINGS_FILE, Settings, lambda _old: settings)


def add_entry(store: Store, entry: Entry) -> Journal:
    """Append one entry to the journal on disk."""
    return store.update(JOURNAL_FILE, Journal, lambda j: j.entries.append(entry))


def replace_entry(store: Store, entry: Entry) -> Journal:
    """Replace the entry with the same id (or add it if another copy deleted it)."""

    def change(journal: Journal) -> None:
        for i, old in enumerate(journal.entries):
            if old.id == entry.id:
                journal.entries[i] = entry
                return
        journal.entries.append(entry)

    return store.update(JOURNAL_FILE, Journal, change)


def delete_entry(store: Store, entry_id: str) -> Journal:
    """Remove the entry with this id, if it is still there."""

    def change(journal: Journal) -> None:
        journal.entries[:] = [e for e in journal.entries if e.id != entry_id]

    return store.update(JOURNAL_FILE, Journal, change)


def start_episode(store: Store, episode: Episode) -> Journal:
    """Record the start of an injury episode."""
    return store.update(JOURNAL_FILE, Journal, lambda j: j.episodes.append(episode))


def replace_episode(store: Store, episode: Episode) -> Journal:
    """Replace the episode with the same id (adding it if missing)."""

    def change(journal: Journal) -> None:
        for i, old in enumerate(journal.episodes):
            if old.id == episode.id:
                journal.episodes[i] = episode
                return
        journal.episodes.append(episode)

    return store.update(JOURNAL_FILE, Journal, change)


def add_shoe(store: Store, shoe: Shoe) -> Journal:
    """Add a pair of shoes to the journal on disk."""
    return store.update(JOURNAL_FILE, Journal, lambda j: j.shoes.append(shoe))


def replace_shoe(store: Store, shoe: Shoe) -> Journal:
    """Replace the shoe with the same id (adding it if missing)."""

    def change(journal: Journal) -> None:
        for i, old in enumerate(journal.shoes):
            if old.id == shoe.id:
                journal.shoes[i] = shoe
                return
        journal.shoes.append(shoe)

    return store.update(JOURNAL_FILE, Journal, change)


def write_export(path: Path, text: str) -> None:
    """Write an export atomically, readable only by the user (it is health data)."""
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            os.fchmod(handle.fileno(), FILE_MODE)
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
