"""`footpain log` and `footpain export`: good input saved, bad input refused with exit 2."""

from __future__ import annotations

import json
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.datafiles import read_journal
from tui.cli import main

TODAY = date.today()  # the CLI uses the real clock; every date here is relative to it


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    """A data folder whose journal already holds one run; returns the folder."""
    assert main(["log", "add", "--activity", "run", "--distance", "5", "--note", "first"]) == 0
    assert (data_dir / "footpain.db").exists()
    return data_dir


def test_add_then_list_json(seeded: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's example is saved; `log list --json` returns it with the promised keys."""
    capsys.readouterr()
    args = [
        "log", "add", "--date", TODAY.isoformat(), "--activity", "run", "--distance", "5",
        "--duration", "30", "--pain-before", "2", "--pain-after", "3", "--note", "[red]hi\x1b[0m",
    ]  # fmt: skip
    assert main(args) == 0
    capsys.readouterr()
    assert main(["log", "list", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert len(entries) == 2
    newest = next(e for e in entries if e["note"] == "[red]hi\x1b[0m")
    for key in ("id", "date", "activity", "distance_km", "duration_min", "pain_before",
                "pain_after", "note"):  # fmt: skip
        assert key in newest
    assert newest["pain_after"] == 3 and newest["duration_min"] == 30
    assert main(["log", "list"]) == 0
    text = capsys.readouterr().out
    assert "[red]hi\\x1b[0m" in text and "\x1b" not in text


def test_miles_are_stored_as_km(data_dir: Path, capsys) -> None:
    """With units set to miles, --distance 1 stores 1.609 km."""
    config = data_dir.parent / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text('units = "mi"\n')
    assert main(["log", "add", "--activity", "walk", "--distance", "1"]) == 0
    capsys.readouterr()
    main(["log", "list", "--json"])
    assert json.loads(capsys.readouterr().out)[0]["distance_km"] == pytest.approx(1.609, 0.001)


def test_shoes_list_speaks_the_units_setting(data_dir: Path, capsys) -> None:
    """With units set to miles, `shoes list` shows miles (a walk found it printing km);
    its JSON stays in km, for scripts."""
    config = data_dir.parent / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text('units = "mi"\n')
    assert main(["shoes", "add", "Trail pair", "--km", "160.9344"]) == 0
    capsys.readouterr()
    assert main(["shoes", "list"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("Trail pair") and line.endswith("100.0 mi")
    assert main(["shoes", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["total_km"] == pytest.approx(160.9, 0.01)


BAD_INPUT = [
    (["--pain-after", "11"], "--pain-after", "outside 0-10"),
    (["--pain-before", "-1"], "--pain-before", "outside 0-10"),
    (["--pain-after", "two"], "--pain-after", "whole number"),
    (["--pain-after", "2.5"], "--pain-after", "whole number"),
    (["--pain-next-morning", "12"], "--pain-next-morning", "outside 0-10"),
    (["--distance", "five"], "--distance", "must be a number"),
    (["--distance", "nan"], "--distance", "ordinary number"),
    (["--distance", "-3"], "--distance", "cannot be negative"),
    (["--date", "2026-02-30"], "--date", "no such date"),
    (["--date", "yesterday"], "--date", "no such date"),
    (["--date", (TODAY + timedelta(days=1)).isoformat()], "--date", "in the future"),
    (["--duration", "-5"], "--duration", "cannot be negative"),
    (["--duration", "1:75"], "--duration", "00-59"),
    (["--note", "x" * 2001], "--note", "limit is 2000"),
    (["--activity", "skydiving"], "--activity", "unknown activity"),
    (["--shoe", "Nope"], "--shoe", "no shoe called"),
    (["--regions", "elbow"], "--regions", "unknown region"),
]


@pytest.mark.parametrize(("extra", "flag", "words"), BAD_INPUT)
def test_bad_input_exits_2_and_leaves_the_file_alone(
    seeded: Path, capsys, extra: list[str], flag: str, words: str
) -> None:
    """Each bad value: exit 2, the flag and the reason on stderr, journal byte-identical."""
    before = read_journal(seeded)
    args = ["log", "add", "--activity", "run", "--distance", "4", *extra]
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err
    assert flag in err and words in err and "nothing was saved" in err
    assert read_journal(seeded) == before


def test_missing_activity_is_refused(data_dir: Path, capsys) -> None:
    """No --activity: exit 2, and nothing is saved."""
    assert main(["log", "add", "--distance", "5"]) == 2
    assert "--activity" in capsys.readouterr().err
    assert read_journal(data_dir).entries == []


def test_several_bad_flags_are_all_reported(seeded: Path, capsys) -> None:
    """Every bad flag is named at once, so one retry can fix them all."""
    capsys.readouterr()
    assert main(["log", "add", "--activity", "run", "--distance", "-1", "--pain-after", "11"]) == 2
    err = capsys.readouterr().err
    assert "--distance" in err and "--pain-after" in err


def test_corrupt_database_is_kept_aside(data_dir: Path, capsys) -> None:
    """A file that is not a database is kept byte for byte beside a fresh one, the user is
    told where, and the new run is saved."""
    data_dir.mkdir(parents=True)
    path = data_dir / "footpain.db"
    path.write_bytes(b"entries = [[[ not a database" * 100)
    assert main(["log", "add", "--activity", "run"]) == 0
    (kept,) = data_dir.glob("footpain.db.corrupt-*")
    assert kept.read_bytes() == b"entries = [[[ not a database" * 100
    assert kept.name in capsys.readouterr().err
    assert len(read_journal(data_dir).entries) == 1


def test_export_formats(seeded: Path, tmp_path: Path, capsys) -> None:
    """csv has a header and the run; json parses; md is a summary with headings."""
    capsys.readouterr()
    assert main(["export", "--format", "csv"]) == 0
    csv_text = capsys.readouterr().out
    assert csv_text.startswith("id,date,activity") and ",run,5.0," in csv_text
    assert main(["export", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["entries"][0]["note"] == "first"
    out = tmp_path / "summary.md"
    assert main(["export", "--format", "md", "--output", str(out)]) == 0
    text = out.read_text()
    assert text.startswith("# Foot pain recovery summary") and "## What was done" in text
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_export_since_filters(seeded: Path, capsys) -> None:
    """--since today keeps today's run; the CSV has no older rows."""
    capsys.readouterr()
    assert main(["export", "--format", "csv", "--since", TODAY.isoformat()]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--format", "pdf"], "choose one of"),
        (["--since", "2026-13-01"], "no such date"),
        (["--since", (TODAY + timedelta(days=3)).isoformat()], "in the future"),
        (["--output", "/no/such/folder/x.md"], "cannot write"),
    ],
)
def test_export_bad_options_exit_2(seeded: Path, capsys, args: list[str], words: str) -> None:
    """Bad export options: exit 2, a message, the journal unchanged."""
    before = read_journal(seeded)
    capsys.readouterr()
    assert main(["export", *args]) == 2
    assert words in capsys.readouterr().err
    assert read_journal(seeded) == before


def test_csv_export_never_leaves_a_formula_live(data_dir: Path, capsys) -> None:
    """Notes and shoe names that a spreadsheet would run as formulas get a leading quote
    (OWASP CSV injection); numbers, negative ones included, are left as numbers."""
    import csv
    import io

    from tui.domain.export import to_csv
    from tui.domain.journal import Entry, Journal, Shoe

    shoe = Shoe(name="@SUM(A1:A9)")
    notes = ['=HYPERLINK("http://x.invalid","x")', "+1 felt fine", "-5 km easy", "\tTAB",
             "ordinary note"]
    journal = Journal(shoes=[shoe], entries=[
        Entry(date=date(2026, 3, 1), activity="run", distance_km=5.0, note=n, shoe=shoe.id)
        for n in notes
    ])
    rows = list(csv.DictReader(io.StringIO(to_csv(journal))))
    assert [r["note"] for r in rows] == ["'" + n for n in notes[:4]] + ["ordinary note"]
    assert {r["shoe"] for r in rows} == {"'@SUM(A1:A9)"}
    assert {r["distance_km"] for r in rows} == {"5.0"}
