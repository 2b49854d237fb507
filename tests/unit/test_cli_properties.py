"""Properties of `footpain log add` over any arguments a shell can pass: exit 0 (saved, text
kept exactly as typed) or exit 2 (a message, and the data folder unchanged); never a
traceback, never anything else."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.datafiles import database, read_journal
from tui.cli import main

FLAGS = ("--date", "--activity", "--distance", "--duration", "--pain-before", "--pain-after",
         "--pain-next-morning", "--shoe", "--regions", "--note")

HOSTILE = st.sampled_from([
    "\x1b]52;c;SEFDSw==\x07", "\x1b[2J", "\x9b31m", "\x00", "\x07", "\u202etxt.exe",
    "[bold red]x[/]", "=HYPERLINK(\"http://x\",\"y\")", "\udcff", "-1", "1e309", "nan",
    "10:61", "2026-02-30", "run", "5", "0", "10", "11", "", " ", "arch,heel", "9" * 400,
])
"""Values chosen to hit the edges: escapes, markup, formulas, a non-UTF-8 byte (as Python
receives it), numbers out of range and malformed dates."""

VALUE = st.one_of(HOSTILE, st.text(max_size=40), st.text(
    alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Nd", "Po"]), max_size=12))


@st.composite
def arguments(draw: st.DrawFn) -> list[str]:
    chosen = draw(st.lists(st.sampled_from(FLAGS), unique=True, max_size=len(FLAGS)))
    args = ["log", "add"]
    for flag in chosen:
        args += [f"{flag}={draw(VALUE)}"]  # `=`: a value starting with "-" stays a value
    return args


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    assert main(["log", "add", "--activity", "run", "--distance", "5", "--note", "first"]) == 0
    return data_dir


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(args=arguments())
def test_log_add_saves_exactly_or_refuses_and_changes_nothing(
    seeded: Path, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = read_journal(seeded)
    count = database(seeded).change_count()
    code = main(args)
    err = capsys.readouterr().err
    assert code in (0, 2), err
    assert "Traceback" not in err
    after = read_journal(seeded)
    if code == 2:
        assert err.startswith("footpain"), err
        assert after == before
        assert database(seeded).change_count() == count
        return
    assert len(after.entries) == len(before.entries) + 1
    added = next(e for e in after.entries if e not in before.entries)
    given_note = next((a.split("=", 1)[1] for a in args if a.startswith("--note=")), "")
    assert added.note in (given_note, given_note.strip())  # kept as typed, only trimmed


@settings(max_examples=200, deadline=None)
@given(folder=st.one_of(VALUE, st.sampled_from(["log", "status", "-", "--", "--help", "-h",
                                                "=x", "a=b", "--data-dir"])),
       form=st.sampled_from(["none", "two words", "one word", "extra"]))
def test_opening_the_app_reads_its_arguments_as_the_parser_does(folder: str, form: str) -> None:
    """`footpain`, `footpain --data-dir DIR` and `--data-dir=DIR` are read without argparse
    (`plain_start`); whatever it accepts, the parser reads as the app with the same folder,
    and whatever else it leaves to the parser."""
    import contextlib
    import io

    from tui.cli import build_parser, plain_start

    argv = {"none": [], "two words": ["--data-dir", folder],
            "one word": [f"--data-dir={folder}"], "extra": ["--data-dir", folder, "x"]}[form]
    plain, data_dir = plain_start(argv)
    if not plain:
        assert form == "extra" or folder.startswith("-")  # argparse's own rules there
        return
    with contextlib.redirect_stderr(io.StringIO()):
        parsed = build_parser(argv).parse_args(argv)
    assert not hasattr(parsed, "func")  # the app, not a subcommand
    assert getattr(parsed, "data_dir", None) == data_dir
