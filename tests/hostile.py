"""A hostile-text corpus for the escaping tests (issue 13): terminal escape sequences, C1 and
bidi controls and markup, as they could be typed into a note or written in routines.toml."""

from __future__ import annotations

import re

from tui.domain.text import BIDI_CONTROLS, LINE_SEPARATORS

CORPUS = {
    "osc52": "\x1b]52;c;SEFDSw==\x07",  # writes "HACK" to the terminal's (tmux's) clipboard
    "clear": "\x1b[2J",
    "title": "\x1b]0;PWNED\x1b\\",  # sets the window title (OSC ended by ST)
    "csi8": "\x9b31m",  # C1 CSI: an escape sequence on terminals that read 8-bit controls
    "nul": "\x00",
    "bel": "\x07",
    "rlo": "\u202etxt.exe",  # shows as "exe.txt"
    "markup": "[bold red]x[/]",
    "link": "[link=http://x]y[/]",
    "cr": "ok\rFAKE",  # a lone CR would print FAKE over what came before
    "del_nel": "\x7f\x85",
    "isolate": "\u2066\u2069\u200f",
}
HOSTILE = "".join(CORPUS.values())
"""Every item at once."""

RAW_PAYLOADS = (
    b"\x1b]52", b"\x1b]0;PWNED", b"\x1b[2J", b"PWNED\x1b\\", b"SEFDSw==\x07", b"\x00",
    b"ok\rFAKE",
)  # fmt: skip
"""Byte strings that appear only if a payload reached the output as itself."""

_HIDDEN_IN_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f" + BIDI_CONTROLS + LINE_SEPARATORS + "]"
)


def hidden_characters(text: str) -> list[str]:
    """The control, C1, bidi and separator characters in text (tab and newline allowed):
    none may be in what footpain prints from data."""
    return _HIDDEN_IN_TEXT.findall(text)
