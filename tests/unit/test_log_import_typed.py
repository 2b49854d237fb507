"""A run typed by hand and later imported from the watch is one run (issue 17): the import
recognises the typed entry (same day, activity, distance within 5 %, or duration within
5 minutes without distances) and says so."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.activity_files import gpx_text
from tests.datafiles import read_journal, write_journal
from tui.cli import main
from tui.domain.activities import ImportSummary, same_as_typed
from tui.domain.journal import Entry, ImportSource, Journal

DAY = date(2026, 3, 1)
SOURCE = ImportSource(file="a.gpx", format="gpx", sha256="0" * 64)


def _imported(**fields: object) -> Entry:
    return Entry(date=DAY, activity="run", source=SOURCE, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("imported", "typed", "same"),
    [
        ({"distance_km": 8.0}, {"distance_km": 8.0}, True),
        ({"distance_km": 8.2}, {"distance_km": 8.0}, True),  # 2.4 %
        ({"distance_km": 8.0}, {"distance_km": 7.65}, True),  # 4.4 % of 8.0
        ({"distance_km": 8.0}, {"distance_km": 7.5}, False),  # 6.3 %
        ({"distance_km": 8.0, "duration_min": 40}, {"duration_min": 44}, True),
        ({"duration_min": 40}, {"duration_min": 45}, True),
        ({"duration_min": 40}, {"duration_min": 45.5}, False),
        ({"distance_km": 8.0}, {}, False),  # nothing to compare
        ({}, {}, False),
    ],
)
def test_the_typed_match_rule(imported: dict, typed: dict, same: bool) -> None:
    assert same_as_typed(_imported(**imported), Entry(date=DAY, activity="run", **typed)) is same


def test_another_day_activity_or_an_imported_entry_is_not_a_typed_match() -> None:
    imported = _imported(distance_km=8.0)
    assert not same_as_typed(imported, Entry(date=date(2026, 3, 2), activity="run",
                                             distance_km=8.0))
    assert not same_as_typed(imported, Entry(date=DAY, activity="walk", distance_km=8.0))
    assert not same_as_typed(imported, _imported(distance_km=8.0))


def test_the_summary_says_it_matched_a_typed_entry() -> None:
    assert ImportSummary(added=1, already=2, typed=1).line() == \
        "1 added, 2 already in the log (1 matched an entry typed by hand)"
    assert ImportSummary(added=0, already=2, typed=2).line() == \
        "0 added, 2 already in the log (2 matched entries typed by hand)"


def test_an_import_does_not_add_a_run_typed_by_hand(tmp_path: Path, data_dir: Path) -> None:
    """The typed 5 km (the watch says 5.1) stays, alone and with its pain score; a second
    run that day on the watch is added, since the typed entry stands for one run only."""
    typed = Entry(date=DAY, activity="run", distance_km=5.0, pain_after=3)
    write_journal(data_dir, Journal(entries=[typed]))
    (tmp_path / "a.gpx").write_text(gpx_text(datetime(2026, 3, 1, 7, 30, tzinfo=UTC), km=5.1))
    (tmp_path / "b.gpx").write_text(gpx_text(datetime(2026, 3, 1, 17, 30, tzinfo=UTC), km=5.0))
    assert main(["log", "import", str(tmp_path)]) == 0
    entries = read_journal(data_dir).entries
    assert len(entries) == 2
    assert [e.pain_after for e in entries if e.source is None] == [3]


def test_saved_counts_the_typed_matches(tmp_path: Path, data_dir: Path) -> None:
    from tui.domain.clock import Clock
    from tui.importers import read_paths
    from tui.store import Store
    from tui.store.imported import save_activities

    write_journal(data_dir, Journal(entries=[Entry(date=DAY, activity="run",
                                                   duration_min=30)]))
    (tmp_path / "a.gpx").write_text(gpx_text(datetime(2026, 3, 1, 7, 30, tzinfo=UTC),
                                             seconds=1900))
    clock = Clock()
    batch = read_paths([str(tmp_path)], tz=UTC, today=clock.today())
    saved = save_activities(Store(data_dir).db, batch.activities, UTC)
    assert (saved.added, saved.already, saved.typed) == ([], 1, 1)
