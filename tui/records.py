"""Reading and changing user data through the store, shared by the TUI and the CLI.

Each change is a small function applied by `Store.update` to what is on disk at that moment,
under the lock, so two open copies (two SSH logins) never lose each other's changes. The
change builders (`entry_added`, `entry_replaced` ...) are the one definition of each change:
the functions that write at once use them, and so does `JournalCache.update`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from tui.domain.journal import JOURNAL_FILE, Entry, Episode, Journal, Shoe
from tui.domain.settings import SETTINGS_FILE, Settings
from tui.store import CorruptFileError, Identity, Store, atomic_write

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
    return store.update(JOURNAL_FILE, Journal, entry_added(entry))


def replace_entry(store: Store, entry: Entry) -> Journal:
    """Replace the entry with the same id (or add it if another copy deleted it)."""
    return store.update(JOURNAL_FILE, Journal, entry_replaced(entry))


def delete_entry(store: Store, entry_id: str) -> Journal:
    """Remove the entry with this id, if it is still there."""
    return store.update(JOURNAL_FILE, Journal, entry_deleted(entry_id))


def start_episode(store: Store, episode: Episode) -> Journal:
    """Record the start of an injury episode."""
    return store.update(JOURNAL_FILE, Journal, lambda j: j.episodes.append(episode))


def replace_episode(store: Store, episode: Episode) -> Journal:
    """Replace the episode with the same id (adding it if missing)."""
    return store.update(JOURNAL_FILE, Journal, episode_replaced(episode))


def add_shoe(store: Store, shoe: Shoe) -> Journal:
    """Add a pair of shoes to the journal on disk."""
    return store.update(JOURNAL_FILE, Journal, lambda j: j.shoes.append(shoe))


def replace_shoe(store: Store, shoe: Shoe) -> Journal:
    """Replace the shoe with the same id (adding it if missing)."""
    return store.update(JOURNAL_FILE, Journal, shoe_replaced(shoe))


def write_export(path: Path, text: str) -> None:
    """Write an export atomically, readable only by the user (it is health data)."""
    atomic_write(path, text.encode("utf-8"))


class JournalCache:
    """The journal as this process last read or wrote it, re-read only when the file changed.

    The app keeps one (`FootpainApp.journal_cache`) that every tab reads through, so a long
    journal is held in memory once.

    journal.toml is replaced atomically on every write, so its (inode, mtime, size) identity
    changes whenever any copy or tab writes it. While the identity is the one we saw, the copy
    in memory is what is on disk, and a ten-year journal need not be parsed again.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.journal: Journal | None = None
        self._identity: Identity | None = None
        self._lock = threading.RLock()  # a background preload and the UI may both ask
        self._preloading = False

    def identity(self) -> Identity | None:
        """The journal file's identity now, or None if it does not exist."""
        return self.store.identity(JOURNAL_FILE)

    def changed(self) -> bool:
        """Whether the file differs from the copy in memory."""
        return self.journal is None or self.identity() != self._identity

    def load(self, warn: Callable[[str], None]) -> Journal:
        """The journal, parsed again only if the file changed since we last saw it."""
        with self._lock:
            return self._load_locked(warn)

    def begin_preload(self) -> None:
        """Say that `preload` is about to run in another thread: until it ends, `try_load`
        answers None instead of reading the journal itself."""
        self._preloading = True

    def preload(self, warn: Callable[[str], None]) -> None:
        """Read the journal (from a worker thread, after `begin_preload`)."""
        try:
            self.load(warn)
        finally:
            self._preloading = False

    def try_load(self, warn: Callable[[str], None]) -> Journal | None:
        """As `load`, but None at once while another thread is reading the journal (the app
        reads it in the background at start-up, and tells the tabs when it is in)."""
        if self._preloading or not self._lock.acquire(blocking=False):
            return None
        try:
            return self._load_locked(warn)
        finally:
            self._lock.release()

    def _load_locked(self, warn: Callable[[str], None]) -> Journal:
        if self.changed():
            identity = self.identity()
            self.journal = load_journal(self.store, warn)
            self.store.forget_data(JOURNAL_FILE)  # the validated copy here is enough
            self._identity = identity if identity == self.identity() else None
        assert self.journal is not None
        return self.journal

    def update(self, change: Callable[[Journal], Journal | None]) -> Journal:
        """Apply change under the lock to what is on disk now (from memory if unchanged)."""
        with self._lock:
            cached = None
            if self.journal is not None and self._identity is not None:
                cached = (self._identity, self.journal)
            self.journal, self._identity = None, None  # if anything below fails, re-read
            new = self.store.update(JOURNAL_FILE, Journal, change, cached=cached)
            self.store.forget_data(JOURNAL_FILE)
            self.journal, self._identity = new, self.store.written_identity(JOURNAL_FILE)
            return new


def entry_added(entry: Entry) -> Callable[[Journal], None]:
    """A change that appends one entry."""
    return lambda journal: journal.entries.append(entry)


def _replaced(field: str, item: Entry | Episode | Shoe) -> Callable[[Journal], None]:
    """A change that replaces the item with the same id in one list (adding it if missing)."""

    def change(journal: Journal) -> None:
        items = getattr(journal, field)
        for i, old in enumerate(items):
            if old.id == item.id:
                items[i] = item
                return
        items.append(item)

    return change


def entry_replaced(entry: Entry) -> Callable[[Journal], None]:
    """A change that replaces the entry with the same id (adding it if missing)."""
    return _replaced("entries", entry)


def entry_deleted(entry_id: str) -> Callable[[Journal], None]:
    """A change that removes the entry with this id."""

    def change(journal: Journal) -> None:
        journal.entries[:] = [e for e in journal.entries if e.id != entry_id]

    return change


def episode_replaced(episode: Episode) -> Callable[[Journal], None]:
    """A change that replaces (or adds) an episode."""
    return _replaced("episodes", episode)


def shoe_replaced(shoe: Shoe) -> Callable[[Journal], None]:
    """A change that replaces (or adds) a pair of shoes."""
    return _replaced("shoes", shoe)
