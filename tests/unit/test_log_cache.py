"""JournalCache: skips re-parsing an unchanged file, yet never loses another copy's entries."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tui.domain.journal import Entry
from tui.records import JournalCache, add_entry, entry_added, entry_deleted
from tui.store import Store

DAY = date(2026, 3, 14)


def test_two_copies_keep_each_others_entries(data_dir: Path) -> None:
    """Two open copies adding in turn end with every entry on disk."""
    first, second = JournalCache(Store(data_dir)), JournalCache(Store(data_dir))
    first.load(print)
    second.load(print)
    first.update(entry_added(Entry(id="a", date=DAY, activity="run")))
    second.update(entry_added(Entry(id="b", date=DAY, activity="walk")))
    first.update(entry_added(Entry(id="c", date=DAY, activity="ice")))
    stored = Store(data_dir).read("journal.toml", type(first.load(print)))
    assert [e.id for e in stored.entries] == ["a", "b", "c"]


def test_other_writers_are_noticed(data_dir: Path) -> None:
    """A write through records.add_entry (another tab) marks the cache as changed."""
    store = Store(data_dir)
    cache = JournalCache(store)
    cache.update(entry_added(Entry(id="a", date=DAY, activity="run")))
    assert not cache.changed()
    add_entry(store, Entry(id="t", date=DAY, activity="ice"))
    assert cache.changed()
    assert [e.id for e in cache.load(print).entries] == ["a", "t"]


def test_failed_change_leaves_file_and_cache_consistent(data_dir: Path) -> None:
    """An invalid change writes nothing, and the next load re-reads the file."""
    store = Store(data_dir)
    cache = JournalCache(store)
    cache.update(entry_added(Entry(id="a", date=DAY, activity="run")))
    before = store.path("journal.toml").read_bytes()

    def bad(journal) -> None:
        journal.entries[0].pain_after = 99  # bypasses validation in memory

    try:
        cache.update(bad)
    except Exception as error:  # StoreError
        assert "invalid" in str(error)
    else:
        raise AssertionError("an invalid change was written")
    assert store.path("journal.toml").read_bytes() == before
    assert cache.load(print).entries[0].pain_after is None
    cache.update(entry_deleted("a"))
    assert cache.load(print).entries == []
