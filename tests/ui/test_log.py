"""The Log tab: keyboard add/edit/delete/undo, bad input, reload, literal notes, snapshots."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXED_TODAY
from tests.datafiles import read_journal, write_journal
from tui.domain.demo import demo_journal
from tui.domain.journal import Entry, Journal
from tui.store import Store
from tui.store.records import add_entry
from tui.tabs.log.entry_form import EntryFormModal
from tui.tabs.log.fields import FieldsModal


def on_disk(data_dir: Path) -> Journal:
    """The journal as stored."""
    return read_journal(data_dir)


@pytest.fixture
def demo_dir(data_dir: Path) -> Path:
    """A data folder holding the demo journal for the fixed test day."""
    write_journal(data_dir, demo_journal(FIXED_TODAY))
    return data_dir


async def test_add_edit_delete_undo_by_keyboard(make_app, demo_dir: Path) -> None:
    """a adds a run, e edits it, d deletes it; u brings it back, u again undoes the edit, and
    once more the add; each lands on disk."""
    app = make_app()
    count = len(on_disk(demo_dir).entries)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, EntryFormModal)
        # date (today) → activity (Run) → distance → minutes → pain before → pain after
        await pilot.press("tab", "tab", "5", "tab", "3", "0", "tab", "1", "tab", "2")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EntryFormModal)
        journal = on_disk(demo_dir)
        assert len(journal.entries) == count + 1
        added = journal.entries[-1]
        assert (added.activity, added.distance_km, added.duration_min) == ("run", 5.0, 30.0)
        assert (added.pain_before, added.pain_after, added.date) == (1, 2, FIXED_TODAY)
        pane = app.query_one("#log-pane")
        assert pane.table.selected_id() == added.id

        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryFormModal)
        await pilot.press("tab", "tab", "ctrl+u", "7")
        await pilot.press("ctrl+s")
        await pilot.pause()
        edited = on_disk(demo_dir).find_entry(added.id)
        assert edited is not None and edited.distance_km == 7.0 and edited.pain_after == 2

        await pilot.press("d")
        await pilot.pause()
        assert on_disk(demo_dir).find_entry(added.id) is None
        assert pane.table.row_count == count

        await pilot.press("u")
        await pilot.pause()
        restored = on_disk(demo_dir).find_entry(added.id)
        assert restored is not None and restored.distance_km == 7.0
        assert pane.table.row_count == count + 1

        await pilot.press("u")  # the edit: back as it was added
        await pilot.pause()
        unedited = on_disk(demo_dir).find_entry(added.id)
        assert unedited is not None and unedited.distance_km == 5.0
        assert pane.table.selected_id() == added.id

        await pilot.press("u")  # the add: gone again
        await pilot.pause()
        assert on_disk(demo_dir).find_entry(added.id) is None
        assert len(on_disk(demo_dir).entries) == count == pane.table.row_count


async def test_regions_tick_with_space_and_show_a_tick(make_app, demo_dir: Path) -> None:
    """In the entry form, Space ticks the highlighted region ([✓], not a colour) and the
    ticked regions are saved in list order; editing shows them ticked."""
    from tui.widgets.checklist import CheckList

    app = make_app()
    async with app.run_test(size=(80, 30)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        regions = form.query_one("#field-regions", CheckList)
        await pilot.press(*["tab"] * 8)
        assert app.focused is regions
        await pilot.press("down", "space", "up", "space")
        await pilot.pause()
        first, second = regions.idents[:2]
        assert regions.ticked == (first, second)
        assert str(regions.get_option_at_index(1).prompt).startswith("[✓] ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EntryFormModal)
        saved = on_disk(demo_dir).entries[-1]
        assert saved.regions == [first, second]
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#field-regions", CheckList).ticked == (first, second)


async def test_bad_input_shows_reasons_and_saves_nothing(make_app, demo_dir: Path) -> None:
    """Pain 11, a future date and a negative distance: errors beside fields, file unchanged."""
    before = on_disk(demo_dir)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, EntryFormModal)
        screen.query_one("#field-date").value = "2026-03-15"
        screen.query_one("#field-distance").value = "-2"
        screen.query_one("#field-pain_after").value = "11"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert "future" in str(screen.query_one("#hint-date").render())
        assert "negative" in str(screen.query_one("#hint-distance").render())
        assert "outside 0-10" in str(screen.query_one("#hint-pain_after").render())
        await pilot.press("escape")
        await pilot.pause()
    assert on_disk(demo_dir) == before


async def test_entries_from_other_tabs_appear_when_shown(make_app, data_dir: Path) -> None:
    """An entry written by another tab (or copy) shows up when the Log tab is shown again."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        pane = app.query_one("#log-pane")
        assert pane.table.row_count == 0
        await pilot.press("1")
        add_entry(app.store, Entry(date=FIXED_TODAY, activity="ice", duration_min=15))
        await pilot.press("4")
        await pilot.pause()
        assert pane.table.row_count == 1


async def test_notes_are_shown_literally(make_app, data_dir: Path) -> None:
    """Markup and escape sequences in a note appear as text in the table."""
    note = "[red]boom[/red] \x1b[31mred"
    write_journal(
        data_dir, Journal(entries=[Entry(date=FIXED_TODAY, activity="run", note=note)])
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        pane = app.query_one("#log-pane")
        cell = pane.table.get_row_at(0)[-1]
        assert cell.plain.startswith("[red]boom[/red] \\x1b[31mred")


async def test_next_morning_question(make_app, demo_dir: Path) -> None:
    """Yesterday's run waits for its morning answer; m asks, and the answer is saved."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        banner = str(app.query_one("#log-banner").render())
        assert "first steps" in banner
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, FieldsModal)
        await pilot.press("1", "enter")
        await pilot.pause()
    yesterday = [e for e in on_disk(demo_dir).entries if e.activity == "run"][-1]
    assert yesterday.pain_next_morning == 1


class TestLogSnapshots:
    """The demo log at 80x24."""

    def test_journal_table(self, snap_compare, make_app, demo_dir: Path) -> None:
        """The journal view: newest first, the morning question and the shoe warning above,
        notes with [brackets] shown as typed."""

        async def run_before(pilot) -> None:
            await pilot.pause()
            await pilot.press("4")
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)

    def test_charts(self, snap_compare, make_app, demo_dir: Path) -> None:
        """Charts: the pain scatter peaking at the onset then falling to 0-2, six weekly
        distance bars with the current week marked ▶, and a drills calendar with ✓ marks."""

        async def run_before(pilot) -> None:
            await pilot.pause()
            await pilot.press("4")
            await pilot.pause()
            await pilot.press("c")
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)

    def test_plan(self, snap_compare, make_app, demo_dir: Path) -> None:
        """Plan: plantar fasciitis, steps ✓ up to ▶50%, today's target 18.0 km with 11.0 done,
        the latest sessions and the shoe warning."""

        async def run_before(pilot) -> None:
            await pilot.pause()
            await pilot.press("4")
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()

        assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


async def test_filter_episode_and_export(make_app, demo_dir: Path, tmp_path: Path) -> None:
    """f narrows the table to one activity; n refuses a second open episode after one is
    started; x closes it; o writes a Markdown summary where asked."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        pane = app.query_one("#log-pane")
        await pilot.press("f")  # first activity present: Run
        await pilot.pause()
        activities = {pane.journal.find_entry(k).activity for k in pane.table._keys}
        assert activities == {"run"}
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        journal = on_disk(demo_dir)
        assert journal.open_episode() is not None
        await pilot.press("n")
        await pilot.pause()
        assert not isinstance(app.screen, FieldsModal)  # already one open: refused
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert on_disk(demo_dir).open_episode() is None
        await pilot.press("o")
        await pilot.pause()
        target = tmp_path / "summary.md"
        app.screen.query_one("#field-path").value = str(target)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert target.read_text().startswith("# Foot pain recovery summary")


async def test_a_run_too_early_in_the_plan_is_flagged_beside_save(make_app, data_dir) -> None:
    """An open bone-injury episode: the new-entry form, on Run, warns that the plan says no
    running yet; switching to Walk clears the warning; a run can still be saved."""
    from textual.widgets import Select, Static

    from tui.domain.journal import Episode
    from tui.store.records import start_episode

    start_episode(Store(data_dir), Episode(started=FIXED_TODAY, condition="stress_fracture",
                                           kind="bone"))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, EntryFormModal)
        warning = form.query_one("#form-warning", Static)
        assert "no running yet" in str(warning.render())
        form.query_one("#field-activity", Select).value = "walk"
        await pilot.pause()
        assert str(warning.render()) == ""
        form.query_one("#field-activity", Select).value = "run"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, EntryFormModal)
    assert on_disk(data_dir).entries[-1].activity == "run"


async def test_an_entry_added_from_a_shell_shows_in_the_open_log_tab(make_app, data_dir) -> None:
    """`footpain log add` from another shell (another connection): the open Log tab shows it
    at the next poll of the database, without switching tabs."""
    from tui.store.records import add_entry

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        app._poll_data()  # the poller notes the version it starts from
        add_entry(Store(data_dir), Entry(date=FIXED_TODAY, activity="walk", note="from a shell"))
        app._poll_data()  # what the heartbeat does (every 1.5 s, every second with a countdown)
        await pilot.pause()
        pane = app.query_one("#log-pane")
        assert [e.note for e in pane.journal.entries] == ["from a shell"]
        assert "1 of 1 entries" in str(app.query_one("#log-status").render())


async def test_an_old_log_shows_thirteen_months_and_h_loads_the_rest(make_app, data_dir) -> None:
    """Two years of runs: the tab holds the last 13 months, says how many there are in all,
    and h loads the rest."""
    from datetime import timedelta

    entries = [Entry(date=FIXED_TODAY - timedelta(days=n), activity="run", distance_km=3)
               for n in range(0, 730, 10)]
    write_journal(data_dir, Journal(entries=entries))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        pane = app.query_one("#log-pane")
        status = str(app.query_one("#log-status").render())
        assert f"of {len(entries)} entries: the last 13 months (h: all)" in status
        assert len(pane.journal.entries) < len(entries)
        await pilot.press("h")
        await pilot.pause()
        assert len(pane.journal.entries) == len(entries)
        assert pane.table.entry_count == len(entries)


async def test_someone_elses_entry_written_just_before_ours_is_shown(make_app, data_dir) -> None:
    """Another copy adds an entry that this tab has not seen; our own add then shows both
    (the journal is read again, the table refilled), and polling keeps it so."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        pane = app.query_one("#log-pane")
        add_entry(Store(data_dir), Entry(date=FIXED_TODAY, activity="walk", note="theirs"))
        outcome = pane.editor.add(Entry(date=FIXED_TODAY, activity="run", note="ours"))
        assert outcome.problem is None and outcome.refill
        pane.show(outcome)
        await pilot.pause()
        assert not pane.editor.source.mirrored
        assert pane.table.entry_count == 2
        app._poll_data()
        await pilot.pause()
        assert sorted(e.note for e in pane.journal.entries) == ["ours", "theirs"]


async def test_an_entry_naming_an_unknown_shoe_or_region_opens_for_editing(make_app,
                                                                           data_dir) -> None:
    """A walk found this: an imported entry whose shoe id no pair has, or whose region the
    content does not know, stopped the app when opened with e (InvalidSelectValueError,
    KeyError). The form opens with no shoe and without that region."""
    write_journal(data_dir, Journal(entries=[
        Entry(date=FIXED_TODAY, activity="run", distance_km=5, shoe="nosuchshoe",
              regions=["nosuchregion", "heel_bottom"]),
    ]))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryFormModal) and app.return_code is None
        from textual.widgets import Select

        from tui.widgets.checklist import CheckList

        assert app.screen.query_one("#field-shoe", Select).value is Select.NULL
        assert app.screen.query_one("#field-regions", CheckList).ticked == ("heel_bottom",)
