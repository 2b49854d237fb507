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


def test_one_copy_in_memory_the_store_keeps_only_the_identity(data_dir: Path) -> None:
    """After a load or an update through the cache the store holds no parsed journal."""
    store = Store(data_dir)
    add_entry(store, Entry(id="a", date=DAY, activity="run"))
    cache = JournalCache(store)
    cache.load(print)
    assert store._parsed["journal.toml"][1] is None
    assert store.written_identity("journal.toml") == store.identity("journal.toml")
    cache.update(entry_added(Entry(id="b", date=DAY, activity="walk")))
    assert store._parsed["journal.toml"][1] is None
    assert [e.id for e in store.read("journal.toml", type(cache.journal)).entries] == ["a", "b"]


def test_try_load_waits_for_nobody_while_a_preload_runs(data_dir: Path) -> None:
    """While start-up reads the journal in a thread, try_load answers None at once; after
    the preload it gives the journal without reading the file again."""
    import threading

    store = Store(data_dir)
    add_entry(store, Entry(id="a", date=DAY, activity="run"))
    cache = JournalCache(store)
    cache.begin_preload()
    assert cache.try_load(print) is None
    worker = threading.Thread(target=cache.preload, args=(print,))
    worker.start()
    worker.join(timeout=30)
    loaded = cache.try_load(print)
    assert loaded is not None and [e.id for e in loaded.entries] == ["a"]
    assert cache.load(print) is loaded  # unchanged file: the same object, not re-read


def test_a_failed_preload_does_not_leave_try_load_stuck(data_dir: Path) -> None:
    """Even if reading fails, later callers are not told to wait forever."""
    store = Store(data_dir)
    cache = JournalCache(store)
    cache.begin_preload()

    def broken(_warn):
        raise OSError("disk gone")

    cache.load = broken  # type: ignore[method-assign]
    try:
        cache.preload(print)
    except OSError:
        pass
    del cache.load
    assert cache.try_load(print) is not None
