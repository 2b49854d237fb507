"""The app's journal in memory (`JournalSource`): read once, read again when anyone commits,
and our own changes mirrored without reading everything again."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from tui import records
from tui.domain.journal import Entry
from tui.store import Store


def entry(note: str) -> Entry:
    """A run on 14 March 2026 with a note."""
    return Entry(date=date(2026, 3, 14), activity="run", note=note)


def test_two_copies_keep_each_others_entries(data_dir: Path) -> None:
    """Two open apps (two stores) each add an entry: both see both."""
    one, two = records.JournalSource(Store(data_dir)), records.JournalSource(Store(data_dir))
    one.load(), two.load()
    one.apply(records.entry_added(entry("from one")))
    two.apply(records.entry_added(entry("from two")))
    assert [e.note for e in one.load().entries] == ["from one", "from two"]
    assert [e.note for e in two.load().entries] == ["from one", "from two"]


def test_other_writers_are_noticed(data_dir: Path) -> None:
    """An entry added by the CLI (another connection) makes `changed` true and shows."""
    source = records.JournalSource(Store(data_dir))
    assert source.load().entries == []
    assert not source.changed()
    records.add_entry(Store(data_dir), entry("from a shell"))
    assert source.changed()
    assert [e.note for e in source.load().entries] == ["from a shell"]


def test_own_changes_are_mirrored_without_reading_again(data_dir: Path, monkeypatch) -> None:
    """After our own write the journal in memory is updated in place, not read again."""
    source = records.JournalSource(Store(data_dir))
    journal = source.load()
    reads: list[int] = []
    real = records.load_journal
    monkeypatch.setattr(records, "load_journal", lambda store: reads.append(1) or real(store))
    first = entry("mine")
    assert source.apply(records.entry_added(first)) is journal
    source.apply(records.entry_replaced(first.model_copy(update={"note": "edited"})))
    source.apply(records.entry_deleted("nope"))
    assert not source.changed() and reads == []
    assert [e.note for e in source.load().entries] == ["edited"]


def test_try_load_waits_for_nobody_while_a_preload_runs(data_dir: Path) -> None:
    """While another thread reads the journal, try_load answers None at once."""
    source = records.JournalSource(Store(data_dir))
    source.begin_preload()
    assert source.try_load() is None
    worker = threading.Thread(target=source.preload)
    worker.start()
    worker.join(10)
    assert source.try_load() is not None
