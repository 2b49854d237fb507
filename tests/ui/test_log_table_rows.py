"""The journal table adds older rows only when the user goes down to them, in order."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from tests.conftest import FIXED_TODAY
from tests.datafiles import write_journal
from tui.domain.journal import Entry, Journal
from tui.tabs.log.table import FIRST_BATCH

COUNT = 400


def write_long_journal(data_dir: Path) -> list[Entry]:
    """One walk a day for COUNT days before today."""
    entries = [
        Entry(id=f"e{n:04d}", date=FIXED_TODAY - timedelta(days=n + 1), activity="walk")
        for n in range(COUNT)
    ]
    write_journal(data_dir, Journal(entries=entries))
    return entries


def shown_dates(table) -> list[str]:  # type: ignore[no-untyped-def]
    """The date column, top to bottom."""
    return [table.get_row_at(i)[0].plain for i in range(table.row_count)]


async def test_rows_arrive_as_the_cursor_goes_down(make_app, data_dir: Path) -> None:
    """Open: the newest rows only, all counted; page down and ctrl+end bring the rest."""
    entries = write_long_journal(data_dir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        table = app.query_one("#log-pane").table
        assert table.row_count == FIRST_BATCH
        assert table.entry_count == COUNT
        await pilot.press(*["pagedown"] * 6)
        await pilot.pause()
        assert FIRST_BATCH < table.row_count < COUNT
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert table.row_count == COUNT
        assert table.selected_id() == entries[-1].id  # the oldest
        assert shown_dates(table) == sorted(shown_dates(table), reverse=True)


async def test_old_entry_waits_in_line_and_is_shown(make_app, data_dir: Path) -> None:
    """Adding an entry older than the rows shown selects it, with every row still in order."""
    write_long_journal(data_dir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        pane = app.query_one("#log-pane")
        old = Entry(date=FIXED_TODAY - timedelta(days=300), activity="run", distance_km=3)
        pane.show(pane.editor.add(old))
        await pilot.pause()
        table = pane.table
        assert table.selected_id() == old.id
        assert table.entry_count == COUNT + 1
        await pilot.press("ctrl+end")
        await pilot.pause()
        dates = shown_dates(table)
        assert len(dates) == COUNT + 1 and dates == sorted(dates, reverse=True)
        same_day = [table.get_row_at(i) for i, d in enumerate(dates) if d == old.date.isoformat()]
        assert [row[1].plain for row in same_day] == ["Walk", "Run"]  # logged order kept


async def test_a_commit_elsewhere_keeps_the_cursor_on_its_entry(make_app, data_dir: Path) -> None:
    """Another writer commits (a drill routine saving a step, `footpain log add`): the Log
    re-reads the journal and keeps the cursor on the entry the reader was on."""
    from tui.store import Store
    from tui.store.records import add_entry

    entries = write_long_journal(data_dir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        table = app.query_one("#log-pane").table
        await pilot.press(*["down"] * 6)
        await pilot.pause()
        assert table.selected_id() == entries[6].id
        app._poll_data()  # the poller notes the version it starts from
        add_entry(Store(data_dir), Entry(date=FIXED_TODAY, activity="drills"))
        app._poll_data()  # what the heartbeat does (every 1.5 s, every second with a countdown)
        await pilot.pause()
        assert table.entry_count == COUNT + 1  # re-read, with the new entry on top
        assert table.selected_id() == entries[6].id
