"""`footpain log import PATH...` with watch and phone files (issue 17): each activity once,
one transaction, bad files listed (exit 2 with nothing saved for a single file or
--strict), local dates in the user's zone, shoes from Strava gear, text from files escaped,
and the schema 2 index that finds an activity already in the log."""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from tests.activity_files import fit_bytes, gpx_text, strava_row, tcx_text, write_strava_folder
from tests.datafiles import database, journal_is_empty, read_journal, write_journal
from tests.hostile import HOSTILE, hidden_characters
from tui.cli import main
from tui.domain.journal import Episode, Journal, Shoe
from tui.store.db import SCHEMA_VERSION

START = datetime(2026, 3, 1, 7, 30, tzinfo=UTC)


@pytest.fixture
def runs(tmp_path: Path) -> Path:
    """A folder with a FIT, a GPX and a TCX run on three days."""
    folder = tmp_path / "watch"
    folder.mkdir()
    (folder / "a.fit").write_bytes(fit_bytes(START, metres=8000, seconds=2400))
    (folder / "b.gpx").write_text(gpx_text(START + timedelta(days=1), km=5))
    (folder / "c.tcx").write_text(tcx_text(START + timedelta(days=2)))
    return folder


def test_import_then_import_again_adds_nothing(runs: Path, data_dir: Path, capsys) -> None:
    """Three runs are added with no pain scores; the same folder again adds none, and the
    summary says so."""
    assert main(["log", "import", str(runs)]) == 0
    assert capsys.readouterr().out == "3 added, 0 already in the log.\n"
    entries = read_journal(data_dir).entries
    assert sorted(e.date for e in entries) == [date(2026, 3, 1), date(2026, 3, 2),
                                               date(2026, 3, 3)]
    assert all(e.source is not None and e.pain_after is None for e in entries)
    assert main(["log", "import", str(runs), str(runs / "a.fit")]) == 0
    assert capsys.readouterr().out == "0 added, 4 already in the log.\n"
    assert len(read_journal(data_dir).entries) == 3


def test_a_file_already_imported_is_not_read_again(runs: Path, data_dir: Path,
                                                   monkeypatch, capsys) -> None:
    """Recognised by its hash before any parser runs: re-importing a growing export costs
    only its new files."""
    assert main(["log", "import", str(runs)]) == 0
    import tui.importers.reading as reading

    def no_parsing(*_args):
        raise AssertionError("a known file was parsed")

    monkeypatch.setattr(reading, "read_activities", no_parsing)
    capsys.readouterr()
    assert main(["log", "import", str(runs)]) == 0
    assert capsys.readouterr().out == "0 added, 3 already in the log.\n"


def test_the_same_run_from_another_file_is_recognised(runs: Path, data_dir: Path,
                                                      tmp_path: Path, capsys) -> None:
    """The watch's FIT and Strava's GPX of it start within a second: one run. A run whose
    activity was changed in the Log since is still recognised by its file's hash."""
    assert main(["log", "import", str(runs)]) == 0
    copy = tmp_path / "strava.gpx"
    copy.write_text(gpx_text(START + timedelta(seconds=1), km=8))
    assert main(["log", "import", str(copy)]) == 0
    assert capsys.readouterr().out.endswith("0 added, 1 already in the log.\n")
    db = database(data_dir)
    with db.write() as con:
        con.execute("UPDATE entries SET activity = 'walk'")
    assert main(["log", "import", str(runs / "a.fit")]) == 0
    assert "0 added, 1 already" in capsys.readouterr().out


def test_a_folder_saves_the_good_files_and_lists_the_bad(runs: Path, data_dir: Path,
                                                         capsys) -> None:
    """A broken file in a folder: the others are saved, it is listed with its reason on
    stderr and in the summary; exit 0."""
    (runs / "broken.fit").write_bytes(fit_bytes(START + timedelta(days=5))[:300])
    assert main(["log", "import", str(runs)]) == 0
    out, err = capsys.readouterr()
    assert out == (f"3 added, 0 already in the log, 1 skipped: {runs / 'broken.fit'} "
                   "(truncated: the file ends early).\n")
    assert f"skipped {runs / 'broken.fit'}: truncated" in err
    assert len(read_journal(data_dir).entries) == 3


def test_a_bad_file_beside_known_ones_is_not_a_failure(runs: Path, capsys) -> None:
    """Re-importing an export that holds one broken file: nothing new, the file listed,
    exit 0 (every month's re-import would fail otherwise)."""
    assert main(["log", "import", str(runs)]) == 0
    (runs / "broken.tcx").write_text("<TrainingCenterDatabase><Activities>")
    capsys.readouterr()
    assert main(["log", "import", str(runs)]) == 0
    assert capsys.readouterr().out.startswith("0 added, 3 already in the log, 1 skipped: ")


def test_strict_or_a_single_bad_file_saves_nothing(runs: Path, data_dir: Path,
                                                   capsys) -> None:
    """--strict with any bad file, or one bad file given alone: exit 2, nothing saved."""
    (runs / "broken.gpx").write_text("<gpx><trk>")
    assert main(["log", "import", "--strict", str(runs)]) == 2
    assert "nothing was imported (--strict)" in capsys.readouterr().err
    assert main(["log", "import", str(runs / "broken.gpx")]) == 2
    err = capsys.readouterr().err
    assert "broken.gpx: not a readable GPX file" in err and "nothing was imported" in err
    assert journal_is_empty(data_dir)


@pytest.mark.parametrize(("args", "words"), [
    (["/no/such/run.fit"], "no such file or folder"),
    (["export.json", "a.fit"], "import a footpain JSON export on its own"),
])  # fmt: skip
def test_bad_paths_exit_2(data_dir: Path, capsys, args, words) -> None:
    """A path that is not there, or a JSON export mixed with files: exit 2, one line."""
    assert main(["log", "import", *args]) == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1
    assert journal_is_empty(data_dir)


@pytest.mark.parametrize(("zone", "day"), [
    ("UTC", date(2026, 3, 1)), ("Europe/Berlin", date(2026, 3, 2)),
    ("America/New_York", date(2026, 3, 1)), ("Asia/Tokyo", date(2026, 3, 2)),
])  # fmt: skip
def test_the_date_is_the_local_day_of_the_start(tmp_path: Path, data_dir: Path,
                                                monkeypatch, zone, day) -> None:
    """A run at 23:30 UTC is on the next day in Berlin and Tokyo, the same day in New York."""
    monkeypatch.setenv("TZ", zone)
    path = tmp_path / "late.fit"
    path.write_bytes(fit_bytes(datetime(2026, 3, 1, 23, 30, tzinfo=UTC)))
    assert main(["log", "import", str(path)]) == 0
    assert [e.date for e in read_journal(data_dir).entries] == [day]


def test_local_dates_follow_daylight_saving(tmp_path: Path, data_dir: Path,
                                            monkeypatch) -> None:
    """London, per instant: 23:30 UTC is 23:30 GMT in March (same day) and 00:30 BST in
    October (the next day)."""
    monkeypatch.setenv("TZ", "Europe/London")
    (tmp_path / "march.gpx").write_text(gpx_text(datetime(2026, 3, 28, 23, 30, tzinfo=UTC)))
    (tmp_path / "july.gpx").write_text(gpx_text(datetime(2026, 7, 4, 23, 30, tzinfo=UTC)))
    assert main(["log", "import", str(tmp_path)]) == 0
    assert sorted(e.date for e in read_journal(data_dir).entries) == [date(2026, 3, 28),
                                                                      date(2026, 7, 5)]


def test_strava_gear_becomes_shoes(tmp_path: Path, data_dir: Path, capsys) -> None:
    """Gear on runs matches a shoe by name, ignoring case, or becomes a new pair (once);
    a bike's gear is not a shoe; the CSV's name and description are the note."""
    write_journal(data_dir, Journal(shoes=[Shoe(id="peg", name="Pegasus 41")]))
    files = {"activities/1.fit.gz": fit_bytes(START),
             "activities/2.gpx.gz": gpx_text(START + timedelta(days=1)).encode(),
             "activities/3.tcx.gz": tcx_text(START + timedelta(days=2)).encode(),
             "activities/4.gpx": gpx_text(START + timedelta(days=3)).encode()}
    rows = [strava_row(1, START, "Easy", "Run", filename="activities/1.fit.gz",
                       gear="PEGASUS 41", description="left heel 2/10"),
            strava_row(2, START + timedelta(days=1), "Trail", "Trail Run",
                       filename="activities/2.gpx.gz", gear="Speedgoat 6"),
            strava_row(3, START + timedelta(days=2), "Spin", "Ride",
                       filename="activities/3.tcx.gz", gear="Canyon"),
            strava_row(4, START + timedelta(days=3), "Hills", "Run",
                       filename="activities/4.gpx", gear="speedgoat 6")]
    export = write_strava_folder(tmp_path / "export", files, rows)
    assert main(["log", "import", str(export)]) == 0
    out = capsys.readouterr().out
    assert "4 added" in out and "New shoes from the export's gear: Speedgoat 6." in out
    journal = read_journal(data_dir)
    assert [s.name for s in journal.shoes] == ["Pegasus 41", "Speedgoat 6"]
    by_note = {e.note.splitlines()[0]: e for e in journal.entries}
    assert by_note["Easy"].shoe == "peg" and by_note["Easy"].note == "Easy\nleft heel 2/10"
    assert by_note["Trail"].shoe == by_note["Hills"].shoe == journal.shoes[1].id
    assert by_note["Spin"].activity == "bike" and by_note["Spin"].shoe is None


def test_imported_runs_join_the_open_episode(tmp_path: Path, data_dir: Path) -> None:
    """As a typed run does: on or after the open episode's start, it belongs to it."""
    write_journal(data_dir, Journal(episodes=[Episode(id="ep", started=date(2026, 3, 2))]))
    (tmp_path / "before.gpx").write_text(gpx_text(START))
    (tmp_path / "after.gpx").write_text(gpx_text(START + timedelta(days=2)))
    assert main(["log", "import", str(tmp_path)]) == 0
    episodes = {e.date: e.episode for e in read_journal(data_dir).entries}
    assert episodes == {date(2026, 3, 1): None, date(2026, 3, 3): "ep"}


def test_text_from_files_reaches_the_terminal_escaped(tmp_path: Path, data_dir: Path,
                                                      capsys) -> None:
    """Hostile names (escape sequences in a Strava CSV, C1 and bidi controls in a GPX, an
    escape sequence in a file name) are stored as written and printed escaped."""
    export = write_strava_folder(
        tmp_path / "export", {"activities/1.gpx": gpx_text(START).encode()},
        [strava_row(1, START, "run" + HOSTILE, "Run", filename="activities/1.gpx",
                    gear="shoe\x1b]0;PWNED\x07")])
    (export / "activities" / "2.gpx").write_text(
        gpx_text(START + timedelta(days=1), name="\x9b31m\u202etxt.exe [red]x[/]"))
    (export / "activities" / "\x1b]0;PWNED\x07.fit").write_bytes(b"not a fit file at all")
    assert main(["log", "import", str(export)]) == 0
    assert main(["log", "list"]) == 0
    out, err = capsys.readouterr()
    assert hidden_characters(out) == [] and hidden_characters(err) == []
    assert "\\x1b]0;PWNED\\x07.fit" in err and "shoe\\x1b]0;PWNED\\x07" in out
    notes = {e.note for e in read_journal(data_dir).entries}
    assert notes == {"\x9b31m\u202etxt.exe [red]x[/]", "run" + HOSTILE}


def test_a_json_export_round_trips_the_source(runs: Path, data_dir: Path, tmp_path: Path,
                                              monkeypatch, capsys) -> None:
    """`export --format json` keeps where each run came from; imported into a fresh
    folder, the same files are recognised there too."""
    assert main(["log", "import", str(runs)]) == 0
    assert main(["export", "--format", "json", "--output", str(tmp_path / "x.json")]) == 0
    document = json.loads((tmp_path / "x.json").read_text())
    assert {e["source"]["format"] for e in document["entries"]} == {"fit", "gpx", "tcx"}
    monkeypatch.setenv("FOOTPAIN_DATA_DIR", str(tmp_path / "other"))
    assert main(["log", "import", str(tmp_path / "x.json")]) == 0
    assert read_journal(tmp_path / "other") == read_journal(data_dir)
    capsys.readouterr()
    assert main(["log", "import", str(runs)]) == 0
    assert capsys.readouterr().out == "0 added, 3 already in the log.\n"


def test_progress_is_shown_on_a_terminal_only(tmp_path: Path, monkeypatch, capsys) -> None:
    """Six files or more: a bar on stderr when it is a terminal, wiped before the summary;
    nothing when stderr is a pipe or a file."""
    for day in range(6):
        (tmp_path / f"{day}.gpx").write_text(gpx_text(START + timedelta(days=day)))
    assert main(["log", "import", str(tmp_path)]) == 0
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setenv("FOOTPAIN_DATA_DIR", str(tmp_path / "again"))
    assert main(["log", "import", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "\rReading files 6/6 [" in err and err.endswith("\r")
    assert out == "6 added, 0 already in the log.\n"


def test_a_store_error_exits_1(runs: Path, data_dir: Path, capsys) -> None:
    """A data folder that cannot be used: exit 1 with one line."""
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    data_dir.write_text("a file where the folder should be")
    assert main(["log", "import", str(runs)]) == 1
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def _schema_1(path: Path) -> None:
    """A database as footpain wrote it before imports existed (schema 1), with one run."""
    from tui.store.db import SCHEMA

    path.parent.mkdir(parents=True, mode=0o700)
    con = sqlite3.connect(path)
    for statement in SCHEMA[1]:
        con.execute(statement)
    con.execute("INSERT INTO entries (id, date, activity, data) VALUES ('old', '2026-02-01', "
                "'run', '{\"id\":\"old\",\"date\":\"2026-02-01\",\"activity\":\"run\"}')")
    con.execute("PRAGMA user_version = 1")
    con.commit()
    con.close()
    path.chmod(0o600)


def test_schema_1_is_migrated_and_the_index_used(data_dir: Path, runs: Path) -> None:
    """A schema 1 database gains the start index and keeps its entries; the look-up for an
    activity already in the log uses that index, not a scan."""
    _schema_1(data_dir / "footpain.db")
    assert main(["log", "import", str(runs)]) == 0
    con = sqlite3.connect(data_dir / "footpain.db")
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert con.execute("SELECT count(*) FROM entries").fetchone()[0] == 4
    from tui.store.imported import _FIND

    plan = " ".join(row[-1] for row in con.execute(f"EXPLAIN QUERY PLAN {_FIND}",
                                                   ("a", "b", "run", None)))
    assert "entries_by_start" in plan
