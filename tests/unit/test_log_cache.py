"""The app's journal in memory (`JournalSource`): read once, read again when anyone commits,
and our own changes mirrored without reading everything again."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from tui.domain.journal import Entry
from tui.store import Store, records


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
    assert source.apply(records.entry_added(first)) is not journal  # a new object: tabs see it
    assert source.mirrored
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


def test_the_app_holds_thirteen_months_and_counts_the_rest(data_dir: Path) -> None:
    """Entries over three years: the source holds the last 400 days, counts the older ones
    and their kilometres per shoe (so shoe wear stays true); `show_all` brings everything."""
    from datetime import timedelta

    from tui.domain.journal import Journal, Shoe
    from tui.domain.stats import shoe_distances
    from tui.store.journal import import_journal

    today = date(2026, 3, 14)
    shoe = Shoe(name="Road", start_km=10)
    entries = [Entry(date=today - timedelta(days=n), activity="run", distance_km=2.0,
                     shoe=shoe.id) for n in range(0, 3 * 365, 5)]
    store = Store(data_dir)
    import_journal(store.db, Journal(entries=entries, shoes=[shoe]))
    source = records.JournalSource(store, today=lambda: today)
    recent = source.load()
    assert all(e.date >= today - timedelta(days=records.WINDOW_DAYS) for e in recent.entries)
    assert len(recent.entries) + recent.earlier_entries == len(entries)
    assert shoe_distances(recent)[shoe.id] == 10 + 2.0 * len(entries)
    everything = source.show_all()
    assert len(everything.entries) == len(entries) and everything.earlier_entries == 0


def test_an_old_open_episode_widens_the_window(data_dir: Path) -> None:
    """The plan replays every session since the episode began: the window starts there."""
    from datetime import timedelta

    from tui.domain.journal import Episode

    today = date(2026, 3, 14)
    started = today - timedelta(days=600)
    store = Store(data_dir)
    records.start_episode(store, Episode(started=started))
    records.add_entry(store, Entry(date=started + timedelta(days=1), activity="walk"))
    source = records.JournalSource(store, today=lambda: today)
    assert len(source.load().entries) == 1
