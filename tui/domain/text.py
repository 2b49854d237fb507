"""Text from data on its way to a terminal or a file: the one place that makes it safe to show.

Notes, shoe names, episode fields, and the names, summaries and sources in a runner's own
`routines.toml` are stored exactly as typed, control characters included. They are escaped
only on the way out, and always by `printable`: every widget, view, CLI printer and export
(CSV and Markdown) goes through it, so an `ESC ] 52 ; c ; … BEL` in a shoe name shows as
the text `\\x1b]52;c;…\\x07` instead of writing to the terminal's clipboard.

What is escaped, as visible text:

- C0 control characters (U+0000-U+001F) and DEL (U+007F) as `\\x1b`, `\\x07`, `\\x00` ...
  Tab and newline are layout, not escapes: on one line a newline is " ↵ " and a tab a
  space; over several lines both are kept. A CR right before a LF (a Windows line end) is
  dropped; any other CR is shown as `\\x0d`, since it would move the cursor back over
  what was printed.
- C1 control characters (U+0080-U+009F) as `\\x9b` ...: U+009B is CSI on terminals that
  read 8-bit controls.
- Bidi controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) as `\\u202e` ...:
  an override makes "txt.exe" of "exe.txt" on screen. The line and paragraph separators
  (U+2028, U+2029) and lone surrogates (a stray half of a UTF-16 pair, which no encoder
  writes) are shown the same way.

Markup is a separate matter: this module is pure text and knows nothing of Rich (the
domain must not import the UI). On screen, the app hands text to Textual as a Rich `Text`,
which is never parsed as markup; `tui.widgets.safe_text` composes `printable` with that
(`plain`) and with markup escaping for the few APIs that take markup strings
(`markup_safe`).

`printable` is idempotent: what it returns contains nothing it would change again.
"""

from __future__ import annotations

import re
from functools import cache

BIDI_CONTROLS = (
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Arabic letter mark, LRM, RLM, the embeddings and overrides (LRE RLE PDF LRO RLO) and the
isolates (LRI RLI FSI PDI): each can reorder what a terminal shows."""
LINE_SEPARATORS = "\u2028\u2029"


def escape_code(code: int) -> str:
    """The visible form of one hidden character: `\\x1b` below U+0100, `\\u202e` above."""
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


HIDDEN: tuple[int, ...] = (
    *range(0x00, 0x20), 0x7F, *range(0x80, 0xA0),
    *(ord(c) for c in BIDI_CONTROLS + LINE_SEPARATORS),
)  # fmt: skip
"""The code points that `printable` never lets through as themselves, besides the lone
surrogates (U+D800-U+DFFF), which `_surrogates` handles apart: 2,048 more entries in each
table would cost start-up time, and only text that cannot be encoded holds one."""

_ESCAPES = {code: escape_code(code) for code in HIDDEN}
_ONE_LINE = {**_ESCAPES, ord("\n"): " ↵ ", ord("\t"): " "}
_LINES = {**_ESCAPES, ord("\n"): "\n", ord("\t"): "\t"}


def _surrogates(text: str, glyph: str | None = None) -> str:
    """Text with any lone surrogate escaped (`\\udc80`), or replaced by `glyph`."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        if glyph is None:
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
        return "".join(glyph if "\ud800" <= c <= "\udfff" else c for c in text)
    return text


def printable(text: str, *, one_line: bool = True) -> str:
    """Text with every control, bidi and separator character made visible (ESC → `\\x1b`),
    safe to print to a terminal; markup characters are left as they are.

    With one_line (a table cell, a list row, a title), a newline becomes " ↵ " and a tab a
    space; without it (a paragraph, a file), newlines and tabs are kept.
    """
    if text.isprintable():  # nothing to escape: every hidden character is not printable
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n")
    return _surrogates(text.translate(_ONE_LINE if one_line else _LINES))


def printable_char(text: str, index: int, *, one_line: bool = True) -> str:
    """What `printable` makes of the one character at `index` in `text` ("" for the CR of a
    CRLF): for callers that keep styles or positions per character."""
    char = text[index]
    if char == "\r" and text[index + 1 : index + 2] == "\n":
        return ""
    return _surrogates(char.translate(_ONE_LINE if one_line else _LINES))


_GLYPHS = {code: "\ufffd" for code in HIDDEN}
_GLYPHS.update({code: chr(0x2400 + code) for code in range(0x20)})
_GLYPHS[0x7F] = "\u2421"
del _GLYPHS[ord("\t")], _GLYPHS[ord("\n")]


def glyphs(text: str) -> str:
    """Text with each hidden character replaced by one visible one, keeping the length:
    C0 controls and DEL as their Control Pictures (ESC → ␛, NUL → ␀, CR → ␍), the others as
    �; tab and newline are left to the editor. For editors, whose cursor counts characters:
    the value is kept as typed and only drawn this way."""
    if text.isprintable():
        return text
    return _surrogates(text.translate(_GLYPHS), glyph="\ufffd")


def json_safe(document: str) -> str:
    """A JSON document (from `json.dumps(..., ensure_ascii=False)`) with DEL, C1, bidi,
    separator and lone surrogate characters written as `\\u` escapes.

    `json.dumps` escapes C0 itself but leaves these raw; they can only occur inside strings
    (JSON's own syntax is ASCII), where a `\\u` escape reads back as the same character.
    """
    if document.isascii() and "\x7f" not in document:
        return document
    return _json_hidden().sub(lambda m: f"\\u{ord(m.group()):04x}", document)


@cache
def _json_hidden() -> re.Pattern[str]:
    """What `json_safe` escapes (compiled on first use: exports are not on the start-up
    path, and a whole document is searched much faster than translated)."""
    return re.compile(f"[\x7f-\x9f{BIDI_CONTROLS}{LINE_SEPARATORS}\ud800-\udfff]")
