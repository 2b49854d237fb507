"""The note editor's TextArea, drawing control and bidi characters as visible glyphs.

Kept apart from `tui.widgets.safe_text` so that the widgets which only need `plain` or
`SafeInput` (the Drills tab, loaded at start-up) do not import TextArea.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import TextArea

from tui.domain.text import glyphs


class SafeTextArea(TextArea):
    """A TextArea that keeps the text as typed but draws each control, bidi or separator
    character as one glyph (ESC → ␛), the same length, so cursor and selection stay right."""

    def get_line(self, line_index: int) -> Text:
        """One line as drawn: Textual's own `get_line`, built from the glyphs (a Rich Text
        would silently drop BEL, BS and the like, and the columns would then be off)."""
        return Text(glyphs(self.document.get_line(line_index)), end="", no_wrap=True)
