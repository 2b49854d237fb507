"""The squeezed output draws the same screen as Textual's own (issue 16: fewer bytes per switch).

Each check plays Textual's output and the squeezed output through pyte, a VT100/xterm emulator,
and compares what a person sees: every cell's character, its background, the marks that show
on a blank cell (underline, strike-through) and, on a cell that is not blank, its colour and
weight; and where the cursor ends. Two frames captured from footpain itself (the first frame and
a switch to Drills, at 80x24 with 256 colours) are checked as they are, and hypothesis builds
thousands of frames shaped like Textual's: cursor moves, style-text-reset runs, newlines, wide
and combining characters, titles and codes the squeezer does not know.
"""

from __future__ import annotations

from pathlib import Path

import pyte
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.widgets.wire import PLAIN, Style, apply_sgr, change, squeeze, squeezing_driver

FRAMES = Path(__file__).parent / "data" / "frames"
COLS, ROWS = 80, 24


def seen(output: str) -> tuple[list[tuple], tuple[int, int]]:
    """What a person sees after `output`: one tuple per cell, and the cursor."""
    screen = pyte.Screen(COLS, ROWS)
    pyte.Stream(screen).feed(output)
    cells = []
    for y in range(ROWS):
        row = screen.buffer[y]
        for x in range(COLS):
            cell = row[x]
            fg, bg = (cell.bg, cell.fg) if cell.reverse else (cell.fg, cell.bg)
            ink = (fg, cell.bold, cell.italics) if cell.data.strip() else None
            cells.append((cell.data, bg, cell.underscore, cell.strikethrough, ink))
    return cells, (screen.cursor.x, screen.cursor.y)


def assert_same_screen(original: str) -> str:
    """Squeeze `original`, check it draws the same screen, and return the squeezed text."""
    squeezed = squeeze(original)
    assert seen(squeezed) == seen(original)
    return squeezed


@pytest.mark.parametrize("name", ["first-frame.ans", "switch-to-drills.ans"])
def test_footpain_frames_look_the_same_in_far_fewer_bytes(name: str) -> None:
    original = (FRAMES / name).read_text(encoding="utf-8")
    squeezed = assert_same_screen(original)
    assert len(squeezed.encode()) < 0.75 * len(original.encode())


def test_a_reset_and_the_same_style_again_are_both_dropped() -> None:
    frame = "\x1b[0m\x1b[1;1H\x1b[31mab\x1b[0m\x1b[31mcd\x1b[0m"
    assert squeeze(frame) == "\x1b[1;1H\x1b[0;31mabcd\x1b[0m"  # and the first reset merged


def test_a_style_change_is_written_as_the_difference() -> None:
    frame = "\x1b[0m\x1b[1;1H\x1b[48;5;234ma\x1b[0m\x1b[38;5;244;48;5;234mb\x1b[0m"
    assert squeeze(frame) == "\x1b[1;1H\x1b[0;48;5;234ma\x1b[38;5;244mb\x1b[0m"


def test_a_move_to_where_the_cursor_is_is_dropped_and_a_newline_before_a_move_too() -> None:
    frame = "\x1b[3;1Hab\x1b[3;3Hcd\n\x1b[4;1Hef"
    assert squeeze(frame) == "\x1b[3;1Habcd\r\nef"


@pytest.mark.parametrize("text", ["世", "🦶", "e\u0301", "a\tb", "\u00ad"])
def test_after_text_of_uncertain_width_the_next_move_is_kept(text: str) -> None:
    frame = f"\x1b[1;1H{text}\x1b[1;{1 + len(text)}Hx"
    assert squeeze(frame).endswith(f"\x1b[1;{1 + len(text)}Hx")


def test_titles_and_unknown_escapes_pass_through_untouched() -> None:
    title = "\x1b]2;footpain 12:00\x07"
    assert squeeze(f"\x1b[1;1Ha{title}\x1b[1;2Hb") == f"\x1b[1;1Ha{title}b"
    sync = "\x1b[?2026h"  # synchronised output moves nothing
    assert squeeze(f"\x1b[1;1Ha{sync}\x1b[1;2Hb") == f"\x1b[1;1Ha{sync}b"
    screen = "\x1b[?1049h"  # the alternate screen: where the cursor is, is unknown
    assert squeeze(f"\x1b[1;1Ha{screen}\x1b[1;2Hb") == f"\x1b[1;1Ha{screen}\x1b[1;2Hb"


def test_an_unknown_sgr_code_is_passed_on_and_the_style_forgotten() -> None:
    frame = "\x1b[1;1H\x1b[31mab\x1b[0m\x1b[58;5;3mc\x1b[0m\x1b[31md\x1b[0m"
    squeezed = assert_same_screen(frame)
    assert "\x1b[58;5;3m" in squeezed


def test_the_squeezed_output_ends_plain_as_textual_leaves_it() -> None:
    assert squeeze("\x1b[1;1H\x1b[1;31mx\x1b[0m").endswith("x\x1b[0m")
    assert squeeze("\x1b[1;1H\x1b[1;31mx") == "\x1b[1;1H\x1b[1;31mx"


def test_sgr_model_and_the_shortest_change() -> None:
    bold_red = apply_sgr(PLAIN, "1;38;5;196")
    assert bold_red == Style(frozenset({1}), "38;5;196", None)
    assert apply_sgr(bold_red, "22;39") == PLAIN
    assert apply_sgr(None, "31") is None  # on top of an unknown state: still unknown
    assert apply_sgr(None, "0;31") == Style(fg="31")
    assert apply_sgr(PLAIN, "38;5") is None  # a colour cut short
    assert change(bold_red, PLAIN) == "\x1b[0m"
    dim_bold = Style(frozenset({1, 2}), "38;5;75")
    assert change(dim_bold, dim_bold._replace(attrs=frozenset({1}))) == "\x1b[22;1m"
    assert change(None, Style(fg="31")) == "\x1b[0;31m"


COLOURS = st.sampled_from([None, "31", "97", "38;5;75", "38;5;244", "38;2;10;200;30"])
BACKS = st.sampled_from([None, "44", "48;5;234", "48;5;236", "48;2;1;2;3"])
STYLES = st.builds(
    lambda attrs, fg, bg: ";".join([*map(str, sorted(attrs)), *[c for c in (fg, bg) if c]]),
    st.sets(st.sampled_from([1, 3, 4, 7, 9])), COLOURS, BACKS.map(
        lambda b: b.replace("38", "48") if b else b),
)
TEXT = st.lists(st.sampled_from([*"ab Z·─│╭▇ ", "世", "🦶", "e\u0301"]), min_size=1,
                max_size=12).map("".join)
EXTRA = st.sampled_from(["", "\x1b]2;title\x07", "\x1b[?25l", "\x1b[58;5;3m", "\x1b[0m"])


@st.composite
def textual_frames(draw) -> str:
    """A frame as Textual writes one: per line a move, then runs of style-text-reset, with
    some moves to mid-line (often where the cursor already is) and lines joined by newlines."""
    parts = []
    rows = draw(st.lists(st.integers(1, ROWS - 1), min_size=1, max_size=6, unique=True))
    for n, row in enumerate(rows):
        if n:
            parts.append("\n")
        col = draw(st.integers(1, 20))
        parts.append(f"\x1b[{row};{col}H")
        for _ in range(draw(st.integers(1, 5))):
            if draw(st.booleans()):
                parts.append(f"\x1b[{row};{col}H")
            style, text = draw(STYLES), draw(TEXT)
            parts.append(f"\x1b[{style}m{text}\x1b[0m" if style else text)
            parts.append(draw(EXTRA))
            col += len(text)
            if col > COLS - 12:
                break
    parts.append(f"\x1b[{draw(st.integers(1, ROWS))};{draw(st.integers(1, COLS))}H")
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(textual_frames())
def test_any_textual_shaped_frame_looks_the_same_squeezed(frame: str) -> None:
    assert_same_screen(frame)


def test_the_driver_squeezes_every_write() -> None:
    from textual.driver import Driver

    written: list[str] = []

    class Recording(Driver):
        def write(self, data: str) -> None:
            written.append(data)

        def start_application_mode(self) -> None: ...

        def stop_application_mode(self) -> None: ...

        def disable_input(self) -> None: ...

    squeezed = squeezing_driver(Recording)
    assert issubclass(squeezed, Recording)
    driver = object.__new__(squeezed)
    driver.write("\x1b[0m\x1b[1;1H\x1b[31ma\x1b[0m\x1b[1;2H")
    driver.write("\x1b[?2026h")  # Textual's synchronised-output mark: harmless
    driver.write("\x1b[1;2H\x1b[31mb\x1b[0m")  # the style is remembered across writes
    assert written == ["\x1b[1;1H\x1b[0;31ma\x1b[0m", "\x1b[?2026h", "\x1b[1;2H\x1b[31mb\x1b[0m"]
