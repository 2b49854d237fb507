"""Text from data to the terminal (issue 13): one function escapes it, and every CLI printer
and export uses it, so no ESC, BEL, NUL, C1 or bidi control from the data is written raw."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.text import Text
from textual.content import Content

from tests.datafiles import write_journal
from tests.hostile import CORPUS, HOSTILE, RAW_PAYLOADS, hidden_characters
from tui.cli import main
from tui.domain.export import to_csv, to_json, to_markdown
from tui.domain.journal import Entry, Episode, Journal, Shoe
from tui.domain.text import HIDDEN, glyphs, json_safe, printable
from tui.widgets.safe_text import cleaned, markup_safe, plain, show

TODAY = datetime.now(UTC).date()  # the CLI reads the real clock (TZ=UTC in the tests)


# --- the function ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]52;c;SEFDSw==\x07", "\\x1b]52;c;SEFDSw==\\x07"),
        ("\x1b[2J", "\\x1b[2J"),
        ("\x9b31m", "\\x9b31m"),
        ("\x00", "\\x00"),
        ("\x07", "\\x07"),
        ("\u202etxt.exe", "\\u202etxt.exe"),
        ("[bold red]x[/]", "[bold red]x[/]"),
        ("[link=http://x]y[/]", "[link=http://x]y[/]"),
        ("a\r\nb", "a ↵ b"),
        ("ok\rFAKE", "ok\\x0dFAKE"),
        ("tab\there", "tab here"),
        ("\x7f\x85\u2028\u2066\u061c", "\\x7f\\x85\\u2028\\u2066\\u061c"),
        ("\ud800", "\\ud800"),
        ("Café ☕ 日本", "Café ☕ 日本"),
    ],
)
def test_printable_shows_every_hidden_character(raw: str, shown: str) -> None:
    """C0, DEL, C1, bidi controls, separators and lone surrogates become visible escapes;
    markup and ordinary text are left exactly as typed."""
    assert printable(raw) == shown


def test_printable_over_lines_keeps_layout_only() -> None:
    """Without one_line, newlines and tabs stay (a paragraph, a file); the rest is escaped."""
    assert printable("a\r\nb\tc\x1b[2J\u202e", one_line=False) == "a\nb\tc\\x1b[2J\\u202e"


def test_printable_leaves_nothing_hidden_and_is_idempotent() -> None:
    """Every code point it hides is escaped; escaping again changes nothing."""
    every = "".join(chr(c) for c in HIDDEN) + "\ud800\udc80\udfff"  # and lone surrogates
    for one_line in (True, False):
        once = printable(every, one_line=one_line)
        assert not hidden_characters(once)
        assert not any(0xD800 <= ord(c) < 0xE000 for c in once)
        assert printable(once, one_line=one_line) == once
    assert printable(HOSTILE) == printable(printable(HOSTILE))


def test_glyphs_keep_the_length() -> None:
    """Editors draw each hidden character as one visible glyph, tab and newline left alone."""
    raw = "\x1b]52\x07\x00\r\x7f\x9b\u202e\udc80\t\n"
    shown = glyphs(raw)
    assert len(shown) == len(raw)
    assert shown == "␛]52␇␀␍␡���\t\n"


def test_json_safe_escapes_what_json_dumps_leaves_raw() -> None:
    """json.dumps(ensure_ascii=False) writes C1 and bidi raw; json_safe makes them \\u escapes
    that read back as the same text."""
    document = json.dumps({"note": HOSTILE}, ensure_ascii=False)
    assert "\x9b" in document and "\u202e" in document
    safe = json_safe(document)
    assert not hidden_characters(safe)
    assert "\\u009b" in safe and "\\u202e" in safe
    assert json.loads(safe) == {"note": HOSTILE}


def _terminal_bytes(renderable: object) -> str:
    """What Rich would write to an xterm for a renderable."""
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor",
                      width=200)
    if isinstance(renderable, Content):
        renderable = Text(renderable.plain)  # what Textual draws: the plain text, no spans
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_markup_is_shown_not_interpreted() -> None:
    """A note "[bold]x[/]" shows its brackets, whether given as Text or as escaped markup."""
    for text in ("[bold red]x[/]", "[link=http://x]y[/]", "[@click=app.quit]q[/]", "[$x]",
                 "\\[z]", "a\\"):
        assert plain(text).plain == text
        content = Content.from_markup(markup_safe(text))
        assert content.plain == text and not content.spans


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("[]\\/$@=:#ab \x1b\x07\u202e"))) | st.text())
def test_markup_safe_shows_exactly_the_printable_text(text: str) -> None:
    """Whatever the text, Textual's markup reads markup_safe(text) back as printable(text),
    with no style from it."""
    content = Content.from_markup(markup_safe(text))
    assert content.plain == printable(text)
    assert not content.spans


def test_plain_and_markup_safe_reach_a_terminal_without_controls() -> None:
    """Rendered to a terminal, nothing of the payloads comes out raw."""
    made = (plain(HOSTILE), Content.from_markup(markup_safe(HOSTILE)), cleaned(HOSTILE))
    for renderable in made:
        written = _terminal_bytes(renderable).encode()
        for payload in RAW_PAYLOADS:
            assert payload not in written
        assert "\u202e".encode() not in written and b"\xc2\x9b" not in written


def test_cleaned_keeps_styles_around_escapes() -> None:
    """A Text built elsewhere is escaped in place: each span still covers its own words."""
    text = Text("Stopped early: ", style="bold")
    text.append("R\x1b[2J", style="red")
    text.append(" done", style="italic")
    result = cleaned(text)
    assert result.plain == "Stopped early: R\\x1b[2J done"
    assert result.style == "bold"
    spans = {str(s.style): result.plain[s.start : s.end] for s in result.spans}
    assert spans == {"red": "R\\x1b[2J", "italic": " done"}
    unchanged = Text("nothing to do")
    assert cleaned(unchanged) is unchanged


def test_show_escapes_and_repaints_only_new_text() -> None:
    """`show` puts cleaned text in a Static, and leaves it alone when asked to show the same
    text again (a pane brought up to date on every visit repaints nothing unchanged)."""
    from textual.widgets import Static

    static = Static()
    updates: list[object] = []
    static.update = updates.append  # type: ignore[method-assign]
    assert show(static, "Streak: 3\x1b[2J")
    assert [str(u) for u in updates] == ["Streak: 3\\x1b[2J"]
    assert not show(static, Text("Streak: 3\x1b[2J"))  # the same text, as a Text: no repaint
    assert show(static, "Streak: 4")
    assert len(updates) == 2


# --- exports ----------------------------------------------------------------------------------


def hostile_journal() -> Journal:
    """Hostile notes, shoe names and episode text (condition and note) in every field that
    takes text."""
    shoes = [Shoe(name=f"SHOE{i}{value}"[:80], start_km=900.0 if i == 0 else 0.0)
             for i, value in enumerate(CORPUS.values())]
    entries = [
        Entry(date=TODAY - timedelta(days=i), activity="run", distance_km=5.0,
              note=f"N{i}{value}", shoe=shoes[i].id, pain_after=2)
        for i, value in enumerate(CORPUS.values())
    ]
    entries.append(Entry(date=TODAY, activity="walk", note="ALL " + HOSTILE + "\nline two",
                         regions=["=cmd\x1b[2J"], changes=["\u202eevil"]))
    episode = Episode(started=TODAY - timedelta(days=3), condition="EPI" + HOSTILE,
                      note="EPNOTE" + HOSTILE)
    return Journal(entries=entries, episodes=[episode], shoes=shoes)


def test_csv_and_markdown_show_every_control_character() -> None:
    """CSV cells and the Markdown page carry no hidden character; the CSV still reads back
    as one row per entry, with the formula rule kept and newlines inside their cells."""
    journal = hostile_journal()
    for text in (to_csv(journal), to_markdown(journal, TODAY)):
        assert not hidden_characters(text), text
        assert "\\x1b]52;c;SEFDSw==\\x07" in text and "\\u202etxt.exe" in text
    rows = list(csv.DictReader(io.StringIO(to_csv(journal))))
    assert len(rows) == len(journal.entries)
    walk = next(r for r in rows if r["activity"] == "walk")
    assert walk["note"].endswith("\nline two")
    assert walk["regions"] == "'=cmd\\x1b[2J"
    assert "[bold red]x[/]" in walk["note"]


def test_json_export_reads_back_exactly_and_writes_no_raw_c1() -> None:
    """JSON escapes C0 (json.dumps) and C1, bidi and separators (json_safe): the document has
    none raw, and reading it back gives the text as typed."""
    journal = hostile_journal()
    text = to_json(journal)
    assert not hidden_characters(text)
    back = json.loads(text)
    assert {e["note"] for e in back["entries"]} == {e.note for e in journal.entries}
    assert {s["name"] for s in back["shoes"]} == {s.name for s in journal.shoes}
    assert back["episodes"][0]["condition"] == journal.episodes[0].condition


# --- the command line ------------------------------------------------------------------------


@pytest.fixture
def hostile_data(data_dir: Path) -> Journal:
    """The hostile journal, in the test's data folder."""
    journal = hostile_journal()
    write_journal(data_dir, journal)
    return journal


def _printed(capsys: pytest.CaptureFixture[str]) -> bytes:
    captured = capsys.readouterr()
    return (captured.out + captured.err).encode("utf-8", "surrogateescape")


def _assert_clean(output: bytes) -> None:
    for payload in RAW_PAYLOADS:
        assert payload not in output, payload
    text = output.decode("utf-8")
    assert not hidden_characters(text), sorted(set(hidden_characters(text)))


@pytest.mark.parametrize(
    "args",
    [
        ["log", "list"],
        ["log", "list", "--json"],
        ["shoes", "list"],
        ["shoes", "list", "--json"],
        ["export", "--format", "csv"],
        ["export", "--format", "md"],
        ["export", "--format", "json"],
        ["log", "add", "--activity", "run", "--shoe", "nope"],  # the error lists shoe names
    ],
    ids=lambda args: " ".join(args[:3]),
)
def test_cli_prints_no_control_character_from_data(
    hostile_data: Journal, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    """Hostile notes, shoe names and episode text print as visible escapes: no ESC, BEL,
    NUL, C1 or bidi control reaches the terminal."""
    capsys.readouterr()
    main(args)
    output = _printed(capsys)
    _assert_clean(output)
    assert b"\\x1b" in output or b"\\u001b" in output  # the data was printed, escaped


def test_cli_shows_the_escapes_it_made(hostile_data: Journal, capsys) -> None:
    """The escaped payload is there to read, as text (so a user sees what the data holds)."""
    capsys.readouterr()
    assert main(["shoes", "list"]) == 0
    out = capsys.readouterr().out
    assert "SHOE0\\x1b]52;c;SEFDSw==\\x07" in out
    assert main(["log", "list"]) == 0
    out = capsys.readouterr().out
    assert "N6\\u202etxt.exe" in out and "N7[bold red]x[/]" in out


@pytest.mark.parametrize("fmt", ["csv", "md", "json"])
def test_export_file_has_no_control_character_from_data(
    hostile_data: Journal, tmp_path: Path, capsys, fmt: str
) -> None:
    """An export written to a file is escaped the same way as one printed to stdout."""
    out = tmp_path / f"export.{fmt}"
    assert main(["export", "--format", fmt, "--output", str(out)]) == 0
    _assert_clean(out.read_bytes())
    assert b"SEFDSw==" in out.read_bytes()


def test_shoes_add_echoes_a_hostile_name_escaped(data_dir: Path, capsys) -> None:
    """`shoes add` prints the name it saved, escaped; the stored name is as typed."""
    from tests.datafiles import read_journal

    name = "Evil\x1b]52;c;SEFDSw==\x07\u202e"
    assert main(["shoes", "add", name]) == 0
    _assert_clean(_printed(capsys))
    assert main(["shoes", "add", name]) == 2  # already there: the message quotes it
    _assert_clean(_printed(capsys))
    assert [s.name for s in read_journal(data_dir).shoes] == [name]


def test_locate_escapes_a_hostile_path(tmp_path: Path, capsys) -> None:
    """A data folder given with control characters in its name is printed escaped."""
    assert main(["locate", "--data-dir", str(tmp_path / "x\x1b[2Jy")]) == 0
    _assert_clean(_printed(capsys))
