"""Text from data on screen: shown as typed, never parsed as markup, never sent raw.

`tui.domain.text.printable` is the one function that makes data text safe for a terminal
(control, bidi and separator characters shown as `\\x1b`, `\\u202e` ...). This module is its
screen side, the only place that also deals with markup:

- `plain(text)`: a Rich `Text` of `printable(text)`. Textual never parses a `Text` as
  markup, so a note "[bold]x[/]" shows its brackets. The app's widgets are given `Text`
  (or a `Static(markup=False)`), which is why this is the usual choice.
- `markup_safe(text)`: `printable`, then every "[" written "\\[", for the few APIs that
  parse a string as Textual markup (a notification, a border title). Not Rich's (or
  Textual's) `escape`: those leave "[$x]" (a Textual variable) and backslashes before a
  bracket to be read as markup, so text such as "\\[z]" or "[$x]" would change.
- `cleaned(value)`: the last line of defence in widgets that are handed text built
  elsewhere (a summary, a question, a status): escapes what is left, keeping the styles.
  Since `printable` is idempotent, text already escaped passes unchanged.
- `SafeInput` (and `tui.widgets.safe_text_area.SafeTextArea`, apart so that only the entry
  form loads TextArea): editors keep the value exactly as typed (saving an edit must not
  turn ESC into the four characters `\\x1b`), but draw each hidden character as one
  visible glyph (`tui.domain.text.glyphs`: ESC → ␛), so the cursor still counts right.
- `show(static, value)`: `cleaned`, then update the Static only if the text is new.
"""

from __future__ import annotations

from rich.text import Span, Text
from textual.widgets import Static

from tui.domain.text import glyphs, printable, printable_char
from tui.widgets._textual_compat import GlyphInput


def plain(text: str, *, one_line: bool = True, style: str = "") -> Text:
    """Data text as a Rich Text: never markup, hidden characters shown."""
    return Text(printable(text, one_line=one_line), style=style)


def markup_safe(text: str, *, one_line: bool = True) -> str:
    """Data text for a string that Textual will parse as markup: it shows exactly as
    `printable(text)` (in Textual markup "\\[" is a bracket; no other backslash is special)."""
    return printable(text, one_line=one_line).replace("[", "\\[")


def cleaned(value: str | Text, *, one_line: bool = False) -> Text:
    """A Text (or a plain string, never read as markup) with any hidden character left in it
    made visible, spans moved to match; the same object back when there is nothing to do."""
    if not isinstance(value, Text):  # escaped first: Text() would drop BEL, BS and CR
        return Text(printable(value, one_line=one_line))
    text = value
    source = text.plain
    if printable(source, one_line=one_line) == source:
        return text
    pieces: list[str] = []
    starts: list[int] = []
    at = 0
    for index in range(len(source)):
        starts.append(at)
        piece = printable_char(source, index, one_line=one_line)
        pieces.append(piece)
        at += len(piece)
    starts.append(at)
    result = Text(
        "".join(pieces), style=text.style, justify=text.justify, overflow=text.overflow,
        no_wrap=text.no_wrap, end=text.end, tab_size=text.tab_size,
    )  # fmt: skip
    end = len(source)
    result.spans = [
        Span(starts[min(span.start, end)], starts[min(span.end, end)], span.style)
        for span in text.spans
    ]
    return result


def show(static: Static, value: str | Text, *, one_line: bool = False) -> bool:
    """`static.update(cleaned(value))`, unless it already shows exactly that: a pane that
    brings itself up to date on every visit then repaints nothing that did not change (every
    repaint is bytes on the SSH link). True when it was updated."""
    text = cleaned(value, one_line=one_line)
    if static.__dict__.get("_footpain_shown") == text:
        return False
    static.__dict__["_footpain_shown"] = text
    static.update(text)
    return True


class SafeInput(GlyphInput):
    """An Input that draws control and bidi characters in its value as visible glyphs."""

    shown = staticmethod(glyphs)
