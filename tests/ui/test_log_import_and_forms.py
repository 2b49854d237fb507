"""The Log tab's import dialog (issue 17) and its forms that behave (issue 15): the export
file follows the format and is not replaced unasked, corrected fields lose their errors,
Esc asks before throwing typed text away, Enter shows a whole entry, / searches notes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.activity_files import gpx_text
from tests.conftest import FIXED_TODAY
from tests.datafiles import read_journal, write_journal
from tui.domain.journal import Entry, ImportSource, Journal
from tui.screens.choice import ChoiceModal
from tui.tabs.log.detail import EntryDetailModal
from tui.tabs.log.entry_form import EntryFormModal
from tui.tabs.log.fields import FieldsModal
from tui.tabs.log.forms import with_extension
from tui.tabs.log.import_form import ImportModal
from tui.tabs.log.table import IMPORTED

TYPED = Entry(date=FIXED_TODAY, activity="run", distance_km=5.0, pain_after=2,
              note="Typed [red]by hand[/red] " + "long " * 30 + "END")


@pytest.fixture
def typed_dir(data_dir: Path) -> Path:
    write_journal(data_dir, Journal(entries=[TYPED]))
    return data_dir


async def _log(pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("4")
    await pilot.pause()


async def _until(pilot, ready) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):
        await pilot.pause(0.05)
        if ready():
            return
    raise AssertionError("not in time")


async def test_import_a_folder_from_the_log(make_app, typed_dir: Path, tmp_path: Path) -> None:
    """i opens the dialog; a folder with the typed run's file and one more imports one run
    in the background; the summary says one matched a typed entry; the new row has the
    imported marker, and the entry form asks for its pain scores."""
    folder = tmp_path / "watch"
    folder.mkdir()
    morning = datetime(2026, 3, 14, 7, 0, tzinfo=UTC)
    (folder / "same.gpx").write_text(gpx_text(morning, km=5.1))
    (folder / "other.gpx").write_text(gpx_text(datetime(2026, 3, 13, 7, 0, tzinfo=UTC), km=8))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _log(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, ImportModal)
        assert app.screen.query_one("#import-tree").display
        app.screen.query_one("#import-path").value = str(folder)
        await pilot.press("ctrl+s")
        await _until(pilot, lambda: not isinstance(app.screen, ImportModal))
        notices = [n.message for n in app._notifications]
        assert any("1 added, 1 already in the log (1 matched an entry typed by hand)" in n
                   for n in notices), notices
        entries = read_journal(typed_dir).entries
        assert len(entries) == 2
        imported = next(e for e in entries if e.source is not None)
        pane = app.query_one("#log-pane")
        assert imported.id in pane.table._keys
        row = pane.table.get_row(imported.id)
        assert row[1].plain.endswith(IMPORTED)
        assert not pane.table.get_row(TYPED.id)[1].plain.endswith(IMPORTED)
        pane.table.select(imported.id)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryFormModal)
        assert app.screen.focused is app.screen.query_one("#field-pain_before")
        assert "no pain scores" in str(app.screen.query_one("#form-warning").render())


async def test_import_refuses_a_missing_path(make_app, typed_dir: Path, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _log(pilot)
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one("#import-path").value = str(tmp_path / "nowhere")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ImportModal)
        assert "no such file" in str(app.screen.query_one("#hint-path").render())
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ImportModal)


def test_the_export_name_follows_the_format() -> None:
    assert with_extension("/x/footpain-2026-03-14.md", "csv") == "/x/footpain-2026-03-14.csv"
    assert with_extension("/x/a.CSV", "json") == "/x/a.json"
    assert with_extension("/x/notes", "csv") == "/x/notes.csv"
    assert with_extension("/x/notes.txt", "md") == "/x/notes.txt.md"
    assert with_extension("", "md") == ""


async def test_export_switches_extension_and_asks_before_replacing(
    make_app, typed_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / f"footpain-{FIXED_TODAY}.csv"
    existing.write_text("keep me")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _log(pilot)
        await pilot.press("o")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#field-path").value.endswith(".md")
        assert form.query_one("#field-path").size.width > 40  # the whole path shows
        form.query_one("#field-format").value = "csv"
        await pilot.pause()
        assert form.query_one("#field-path").value == str(existing)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("n")
        await pilot.pause()
        assert existing.read_text() == "keep me"
        await pilot.press("o")
        await pilot.pause()
        app.screen.query_one("#field-format").value = "csv"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert existing.read_text() != "keep me" and "2026-03-14" in existing.read_text()


async def test_a_corrected_field_loses_its_error(make_app, typed_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _log(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        form.query_one("#field-distance").value = "lots"
        form.query_one("#field-pain_after").value = "12"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form.query_one("#hint-distance").has_class("-error")
        assert form.query_one("#hint-pain_after").has_class("-error")
        form.query_one("#field-distance").value = "5"
        await pilot.pause()
        assert not form.query_one("#hint-distance").has_class("-error")
        assert "blank if none" in str(form.query_one("#hint-distance").render())
        assert form.query_one("#hint-pain_after").has_class("-error")  # not touched yet
        # the small forms too (shoes: a blank name)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("s", "a")
        await pilot.pause()
        shoe_form = app.screen
        assert isinstance(shoe_form, FieldsModal)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert shoe_form.query_one("#hint-name").has_class("-error")
        await pilot.press("x")
        await pilot.pause()
        assert not shoe_form.query_one("#hint-name").has_class("-error")


async def test_escape_asks_before_throwing_typed_text_away(make_app, typed_dir: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _log(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert not isinstance(app.screen, EntryFormModal)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab", "tab", "5")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceModal)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, EntryFormModal)
        assert app.screen.query_one("#field-distance").value == "5"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, (EntryFormModal, ChoiceModal))
        assert len(read_journal(typed_dir).entries) == 1


async def test_enter_shows_the_whole_entry_and_slash_searches(make_app, data_dir: Path) -> None:
    source = ImportSource(file="watch.fit", format="fit")
    other = Entry(date=FIXED_TODAY, activity="walk", note="dog walk", source=source)
    write_journal(data_dir, Journal(entries=[TYPED, other]))
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _log(pilot)
        pane = app.query_one("#log-pane")
        pane.table.select(TYPED.id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryDetailModal)
        note = str(app.screen.query_one("#detail-note").render())
        assert "[red]by hand[/red]" in note and "END" in note
        fields = str(app.screen.query_one("#detail-fields").render())
        assert "Pain after" in fields and "2 (" in fields
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EntryFormModal)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"DOG", "enter")
        await pilot.pause()
        assert list(pane.table._keys) == [other.id]
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press("ctrl+u", "enter")
        await pilot.pause()
        assert len(pane.table._keys) == 2


async def test_the_picker_shows_hostile_file_names_escaped(tmp_path) -> None:  # noqa: ANN001
    """A file name on disk may hold an escape sequence or a bidi override: the picker draws
    it as visible escapes, never raw."""
    from textual.app import App, ComposeResult

    from tui.tabs.log.import_form import ActivityTree

    (tmp_path / "run\x1b]52;c;SEFDSw==\x07x.gpx").touch()
    (tmp_path / "ok\u202expg.gpx").touch()

    class Probe(App[None]):
        def compose(self) -> ComposeResult:
            yield ActivityTree(tmp_path)

    app = Probe()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause(0.3)
        tree = app.query_one(ActivityTree)
        drawn = "".join(seg.text for y in range(tree.size.height) for seg in tree.render_line(y))
        assert "\x1b" not in drawn and "\u202e" not in drawn
        assert "\\x1b" in drawn and "\\u202e" in drawn


def test_the_shoe_form_takes_what_the_cli_takes() -> None:
    """A walk found the form capping "already run" at 1000 km ("in one go", an activity's
    limit) while `shoes add --km` takes 10,000, and the form allowing a second pair whose
    name differs only in case, which the CLI refuses."""
    from tui.domain.journal import Shoe
    from tui.tabs.log.forms import shoe_form

    mine = Shoe(name="Trail pair")
    form = shoe_form(None, "km", [mine])
    shoe, errors = form.validate({"name": "Road pair", "start": "2500"})
    assert errors == {} and shoe is not None and shoe.start_km == 2500
    _shoe, errors = form.validate({"name": "Road pair", "start": "10001"})
    assert errors["start"] == "give a distance from 0 to 10,000 km"
    _shoe, errors = shoe_form(None, "mi", [mine]).validate({"name": "x", "start": "6300"})
    assert errors["start"] == "give a distance from 0 to 6,214 mi"
    _shoe, errors = form.validate({"name": "TRAIL  pair", "start": "0"})
    assert errors["name"] == "you already have shoes with this name"
    renamed, errors = shoe_form(mine, "km", [mine]).validate({"name": "trail pair", "start": "1"})
    assert errors == {} and renamed is not None and renamed.name == "trail pair"  # itself
