"""The Log tab's `JournalEditor`, without the app: writes, undo, filters, export."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import FIXED_TODAY
from tests.datafiles import read_journal
from tui.domain.journal import Entry, Episode, Shoe
from tui.store import Store, StoreError, records
from tui.tabs.log.editor import JournalEditor


@pytest.fixture
def editor(data_dir: Path, content) -> JournalEditor:
    """An editor on an empty journal, on the fixed test day, the journal read."""
    source = records.JournalSource(Store(data_dir), today=lambda: FIXED_TODAY)
    made = JournalEditor(source, lambda: FIXED_TODAY, content)
    made.reload()
    return made


def run(km: float, days_ago: int = 0, **fields: object) -> Entry:
    return Entry(date=FIXED_TODAY - timedelta(days=days_ago), activity="run", distance_km=km,
                 **fields)


def stored(data_dir: Path) -> list[tuple[str, float | None]]:
    """(id, distance) of every entry in the database."""
    return [(e.id, e.distance_km) for e in read_journal(data_dir).entries]


def test_undo_takes_back_an_add_an_edit_and_a_delete_newest_first(editor, data_dir) -> None:
    """u after an edit puts the entry back as it was; after an add it takes the entry out;
    after a delete it brings it back; then there is nothing left to undo."""
    first = run(5)
    added = editor.add(first)
    assert added.shown == first and added.notice == f"Added: Run on {FIXED_TODAY}."
    editor.replace(first.model_copy(update={"distance_km": 7.0}))
    editor.delete(editor.journal.find_entry(first.id))
    assert stored(data_dir) == []

    restored = editor.undo()
    assert restored.notice == f"Restored: Run on {FIXED_TODAY}." and restored.changed
    assert stored(data_dir) == [(first.id, 7.0)]

    unedited = editor.undo()
    assert unedited.notice == f"Edit undone: Run on {FIXED_TODAY}."
    assert unedited.shown is not None and unedited.shown.distance_km == 5.0
    assert stored(data_dir) == [(first.id, 5.0)]

    unadded = editor.undo()
    assert unadded.removed == first.id and unadded.notice == f"Add undone: Run on {FIXED_TODAY}."
    assert stored(data_dir) == [] and editor.journal.entries == []

    assert editor.undo().notice == "Nothing to undo."


def test_the_next_morning_answer_can_be_undone(editor, data_dir) -> None:
    yesterday = run(5, days_ago=1)
    editor.add(yesterday)
    assert editor.morning_entry(None) == yesterday
    saved = editor.answer_morning(yesterday, 2)
    assert saved.notice.startswith("Next morning saved: Run")
    assert read_journal(data_dir).entries[0].pain_next_morning == 2
    editor.undo()
    assert read_journal(data_dir).entries[0].pain_next_morning is None


def test_a_failed_write_changes_nothing_and_keeps_the_undo(editor, data_dir, monkeypatch) -> None:
    """A full disk: the step says why, the journal is as it was, and u can try again."""
    entry = run(5)
    editor.add(entry)

    def full(self, change):  # noqa: ANN001, ANN202
        raise StoreError("the disk is full; nothing was saved")

    with monkeypatch.context() as patch:
        patch.setattr(records.JournalSource, "apply", full)
        failed = editor.undo()
        assert failed.problem == "the disk is full; nothing was saved" and failed.notice == ""
        assert editor.add(run(3)).problem is not None
        assert [e.id for e in editor.journal.entries] == [entry.id]
    assert editor.undo().removed == entry.id
    assert stored(data_dir) == []


def test_someone_elses_write_asks_for_every_row(editor, data_dir) -> None:
    records.add_entry(Store(data_dir), run(3, note="theirs"))
    outcome = editor.add(run(5, note="ours"))
    assert outcome.refill
    assert sorted(e.note for e in editor.journal.entries) == ["ours", "theirs"]
    assert not editor.add(run(6)).refill  # nobody else since: only our row


def test_an_entry_in_an_open_episode_belongs_to_it(editor) -> None:
    episode = Episode(started=FIXED_TODAY - timedelta(days=3))
    assert editor.save_episode(episode).view == "plan"
    assert editor.why_no_new_episode() is not None
    outcome = editor.add(run(2))
    assert outcome.shown is not None and outcome.shown.episode == episode.id


def test_filters_cycle_and_keep_what_they_name(editor) -> None:
    walk = Entry(date=FIXED_TODAY, activity="walk")
    old = run(4, days_ago=30)
    for entry in (run(5), walk, old):
        editor.add(entry)
    editor.save_episode(Episode(started=FIXED_TODAY - timedelta(days=10)))
    assert editor.next_activity_filter().view == "journal"
    assert editor.activity_filter == "run"
    assert [editor.keep(e) for e in (walk, old)] == [False, True]
    editor.next_activity_filter()
    assert editor.activity_filter == "walk"
    editor.next_activity_filter()
    assert editor.activity_filter is None
    editor.next_episode_filter()
    assert [editor.keep(e) for e in (walk, old)] == [True, False]
    assert "episode from" in editor.status(2)
    editor.next_episode_filter()
    assert editor.episode_filter is None and editor.status(3).startswith("3 of 3 entries")


def test_shoes_are_saved_and_retired(editor) -> None:
    shoe = Shoe(name="Daily [trainer]")
    assert editor.save_shoe(shoe).notice == "Shoes saved: Daily [trainer]."
    assert editor.retire(None).notice == "Select shoes in the Shoes view (s) first."
    editor.retire(shoe)
    assert editor.journal.find_shoe(shoe.id).retired


def test_export_writes_the_whole_journal(editor, tmp_path) -> None:
    editor.add(run(5))
    target = tmp_path / "out.md"
    outcome = editor.export("md", target, units="km")
    assert outcome.notice == f"Exported to {target}."
    assert target.read_text().startswith("# Foot pain recovery summary")
    missing = editor.export("csv", tmp_path / "no" / "such" / "folder" / "x.csv", units="km")
    assert missing.warning.startswith("Not exported:")


def test_the_editor_is_plain_python() -> None:
    """No Textual and no Rich, even through what it imports: the editor can be used and
    tested without a screen."""
    import grimp

    graph = grimp.build_graph("tui", include_external_packages=True, cache_dir=None)
    imported = graph.find_upstream_modules("tui.tabs.log.editor")
    assert not {m.split(".")[0] for m in imported} & {"textual", "rich"}
    assert not {m for m in imported if m.startswith(("tui.tabs", "tui.widgets", "tui.screens"))}


def test_undo_is_bounded(editor) -> None:
    from tui.tabs.log.editor import UNDO_DEPTH

    for n in range(UNDO_DEPTH + 5):
        editor.add(run(1, days_ago=n % 20))
    undone = 0
    while editor.undo().notice != "Nothing to undo.":
        undone += 1
    assert undone == UNDO_DEPTH
    assert len(editor.journal.entries) == 5

