"""Reading and changing user data through the store, shared by the TUI and the CLI.

A change to the journal is a `Change`: the write to the database (one transaction, through
`tui.store.journal`) and the same change applied to a journal already in memory, so a tab
that holds the journal need not read it all again after its own write. `JournalSource` is
that journal as the app last read it, read again whenever anyone wrote since (the database's
change count): another tab, another copy of the app, or the CLI.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from tui.domain.frozen import frozen
from tui.domain.journal import Entry, Episode, Journal, Shoe
from tui.domain.settings import Settings
from tui.store import Database, Store, atomic_write
from tui.store import journal as repo


def load_journal(store: Store) -> Journal:
    """The whole journal (exports, the CLI, the Log tab)."""
    return repo.load_journal(store.db)


def load_settings(store: Store, warn: Callable[[str], None]) -> Settings:
    """The settings, recovering from a file that cannot be used."""
    return store.settings.load(warn)


def save_settings(store: Store, settings: Settings) -> Settings:
    """Write every settings field as given (settings have one writer: the settings screen)."""
    return store.settings.save(settings)


def write_export(path: Path, text: str) -> None:
    """Write an export atomically, readable only by the user (it is health data)."""
    atomic_write(path, text.encode("utf-8"))


# --- changes ---------------------------------------------------------------------------


@frozen()
class Change:
    """One change to the journal: written to the database, mirrored in memory."""

    write: Callable[[Database], object]
    mirror: Callable[[Journal], None]


def _replace_in(items: list, item: Entry | Episode | Shoe) -> None:  # type: ignore[type-arg]
    """Replace the item with the same id in its place, or add it at the end."""
    for i, old in enumerate(items):
        if old.id == item.id:
            items[i] = item
            return
    items.append(item)


def entry_added(entry: Entry) -> Change:
    """Add one entry."""
    return Change(lambda db: repo.add_entry(db, entry), lambda j: _replace_in(j.entries, entry))


def entry_replaced(entry: Entry) -> Change:
    """Replace the entry with the same id (adding it if another copy deleted it)."""
    return Change(lambda db: repo.replace_entry(db, entry),
                  lambda j: _replace_in(j.entries, entry))


def entry_deleted(entry_id: str) -> Change:
    """Remove the entry with this id."""

    def mirror(journal: Journal) -> None:
        journal.entries[:] = [e for e in journal.entries if e.id != entry_id]

    return Change(lambda db: repo.delete_entry(db, entry_id), mirror)


def episode_replaced(episode: Episode) -> Change:
    """Replace (or add) an episode."""
    return Change(lambda db: repo.replace_episode(db, episode),
                  lambda j: _replace_in(j.episodes, episode))


def shoe_replaced(shoe: Shoe) -> Change:
    """Replace (or add) a pair of shoes."""
    return Change(lambda db: repo.replace_shoe(db, shoe), lambda j: _replace_in(j.shoes, shoe))


def apply(store: Store, change: Change) -> None:
    """Write one change (for callers that hold no journal in memory)."""
    change.write(store.db)


WINDOW_DAYS = 400
"""The app holds the last 13 months of entries (and the whole of the latest episode), not the
whole journal: what the tabs show, warn about and plan with. `show_all` asks for the rest."""


class JournalSource:
    """The recent journal as this process last read it from the database, and the change
    count it was read at: read again only when someone wrote since."""

    def __init__(self, store: Store, today: Callable[[], date] | None = None) -> None:
        self.store = store
        self.today = today or date.today
        self.everything = False
        """Hold every entry (the user asked for the whole history), not just the window."""
        self.journal: Journal | None = None
        self._count: int | None = None
        """The database's change count the journal in memory matches."""
        self._lock = threading.RLock()  # a start-up worker and the UI may both ask
        self._preloading = False
        self.mirrored = False
        """Whether the last `apply` only mirrored our change (nobody else wrote meanwhile)."""

    def changed(self) -> bool:
        """Whether anyone wrote since the journal in memory was read."""
        return self.journal is None or self.store.db.journal_count() != self._count

    def load(self, warn: Callable[[str], None] | None = None) -> Journal:
        """The journal, read again if anyone committed since. (Problems with the database
        itself are told through the store's own `warn`; `warn` is kept for callers.)"""
        with self._lock:
            db = self.store.db
            if self.journal is None or db.journal_count() != self._count:
                with db.read():  # the journal and its change count from one snapshot
                    self._count = db.journal_count()
                    self.journal = repo.load_journal(db, since=self._window_start())
            return self.journal

    def _window_start(self) -> date | None:
        """The first day held: 13 months back, or the start of the latest episode if that
        is earlier and it is open or ended within the window (its plan replays every
        session since); None for everything."""
        if self.everything:
            return None
        start = self.today() - timedelta(days=WINDOW_DAYS)
        latest = repo.latest_episode_start(self.store.db, ended_since=start)
        return min(start, latest) if latest is not None else start

    def show_all(self) -> Journal:
        """Hold and return the whole journal from now on."""
        with self._lock:
            self.everything = True
            self.journal = None
            return self.load()

    def begin_preload(self) -> None:
        """Say that `preload` is about to run in another thread: until it ends, `try_load`
        answers None instead of waiting for it."""
        self._preloading = True

    def preload(self, warn: Callable[[str], None] | None = None) -> None:
        """Read the journal (from a worker thread, after `begin_preload`)."""
        try:
            self.load(warn)
        finally:
            self._preloading = False

    def try_load(self, warn: Callable[[str], None] | None = None) -> Journal | None:
        """As `load`, but None at once while another thread is reading it."""
        if self._preloading or not self._lock.acquire(blocking=False):
            return None
        try:
            return self.load(warn)
        finally:
            self._lock.release()

    def apply(self, change: Change) -> Journal:
        """Write the change; mirror it in memory when nobody else committed meanwhile,
        otherwise read the journal again."""
        with self._lock:
            db = self.store.db
            with db.write():
                before = db.journal_changes_before_this_write()
                change.write(db)
            if self.journal is not None and before == self._count:
                # Nobody wrote between our read and our write: mirror the change, into a new
                # Journal object, so every tab that compares objects sees it changed.
                change.mirror(self.journal)
                self.journal = self.journal.model_copy()
                self._count = before + 1
                self.mirrored = True
                return self.journal
            self.journal, self.mirrored = None, False
            return self.load()


# --- one-off writes (commands, tests): no journal held in memory -------------------------


def add_entry(store: Store, entry: Entry) -> None:
    """Add one entry."""
    apply(store, entry_added(entry))


def replace_entry(store: Store, entry: Entry) -> None:
    """Replace the entry with the same id (or add it)."""
    apply(store, entry_replaced(entry))


def delete_entry(store: Store, entry_id: str) -> None:
    """Remove the entry with this id, if it is there."""
    apply(store, entry_deleted(entry_id))


def start_episode(store: Store, episode: Episode) -> None:
    """Record an injury episode (or replace the one with its id)."""
    apply(store, episode_replaced(episode))


replace_episode = start_episode


def add_shoe(store: Store, shoe: Shoe) -> None:
    """Add a pair of shoes (or replace the one with its id)."""
    apply(store, shoe_replaced(shoe))


replace_shoe = add_shoe
