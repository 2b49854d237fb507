"""A countdown display: big digits, a status line, a progress bar and two info lines.

It only shows what it is given (methods down); the pane owns the timer and the clock. Each
setter compares with what is on screen first, so a tick that changes nothing sends no bytes.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Region, Size
from textual.renderables.digits import Digits as DigitGlyphs
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

STATES = ("-idle", "-running", "-paused", "-last-minute", "-done")


def filled_cells(fraction: float, width: int) -> int:
    """How many whole cells of a bar `width` wide are done."""
    return round(min(1.0, max(0.0, fraction)) * width)


class ProgressLine:
    """A bar as wide as its space: thick "━" done, thin "─" to go (shape, not colour).

    Whole cells only: the line changes (and costs a row of bytes over SSH) once per cell,
    about every 15 s for a 15-minute ice session at 80 columns, not once per half cell.
    """

    def __init__(self, fraction: float) -> None:
        self.fraction = min(1.0, max(0.0, fraction))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Fill the available width."""
        width = options.max_width
        full = filled_cells(self.fraction, width)
        bar = Text("━" * full, style="bold")
        bar.append("─" * (width - full), style="dim")
        yield bar


FONT: dict[str, tuple[str, ...]] = {
    "0": ("###", "# #", "# #", "# #", "###"),
    "1": (" # ", "## ", " # ", " # ", "###"),
    "2": ("###", "  #", "###", "#  ", "###"),
    "3": ("###", "  #", " ##", "  #", "###"),
    "4": ("# #", "# #", "###", "  #", "  #"),
    "5": ("###", "#  ", "###", "  #", "###"),
    "6": ("###", "#  ", "###", "# #", "###"),
    "7": ("###", "  #", "  #", "  #", "  #"),
    "8": ("###", "# #", "###", "# #", "###"),
    "9": ("###", "# #", "###", "  #", "###"),
    ":": (" ", "#", " ", "#", " "),
    "-": ("   ", "   ", "###", "   ", "   "),
}
"""A 5-pixel-high block font for big faces: '#' is a lit pixel."""


def face_scale(width: int, height: int) -> int:
    """How big to draw a countdown face in a terminal of this size: 1 (Textual's 3-row
    Digits) up to 119x31, 2 (10 rows, for across the room) from 120x32, 3 from 160x50."""
    if width >= 160 and height >= 50:
        return 3
    if width >= 120 and height >= 32:
        return 2
    return 1


def big_face(face: str, scale: int) -> str:
    """`face` in the block font, each pixel `2 * scale` cells wide and `scale` rows high
    (cells are about twice as tall as wide), one blank pixel between glyphs."""
    rows = []
    for y in range(5):
        pixels = " ".join(FONT.get(char, ("   ",) * 5)[y] for char in face)
        line = "".join(("█" if p == "#" else " ") * (2 * scale) for p in pixels)
        rows.extend([line.rstrip()] * scale)
    return "\n".join(rows)


class DigitRow(Widget):
    """Textual's 3x3 digits, drawn as three lines (the line API).

    The same glyphs as Textual's `Digits` widget, and the same look (its colour, bold and
    background come from the stylesheet), without the general renderable path: `Digits`
    aligns a Rich renderable and splits and crops its lines on every update, about 0.75 ms
    of CPU for one glyph, the largest part of a countdown's second. Here the three lines are
    built once per face and look: about 0.3 ms a redraw, most of it Textual styling them."""

    DEFAULT_CSS = """
    DigitRow {
        width: auto;
        height: 3;
    }
    """

    def __init__(self, value: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._text = value
        self._lines: tuple[tuple[str, Style], list[Strip]] | None = None

    def update(self, value: str) -> None:
        """Show `value`; a new width lays the row out again."""
        if value == self._text:
            return
        wider = DigitGlyphs.get_width(value) != DigitGlyphs.get_width(self._text)
        self._text = value
        self.refresh(layout=wider)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        """As wide as the glyphs."""
        return DigitGlyphs.get_width(self._text)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """Always three rows."""
        return 3

    def render_lines(self, crop: Region) -> list[Strip]:
        """Build the three lines if the face or its look changed since they were built."""
        key = (self._text, self.rich_style)
        if self._lines is None or self._lines[0] != key:
            style = key[1]
            width = DigitGlyphs.get_width(self._text)
            rows = Segment.split_lines(DigitGlyphs(self._text, style).render(style))
            self._lines = key, [Strip(row, width) for row in rows]
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Row `y` of the glyphs (blank below them, should the widget be made taller)."""
        lines = self._lines[1] if self._lines is not None else []
        if y < len(lines):
            return lines[y]
        return Strip.blank(self.size.width, self.rich_style)


class TickingDigits(Horizontal):
    """Big digits whose last glyph is a widget of its own, and that grow with the window.

    A countdown second usually changes only the last glyph ("12:41" → "12:40"). One Digits
    widget repaints all of its glyphs on every update: about 225 bytes a second over SSH
    for five glyphs on three rows. Split, a tick repaints the last glyph's 3 columns (about
    75 bytes) and the rest only when it changes (every 10 s). In a large window
    (`face_scale`) the face is drawn in a block font, readable from across the room; there
    a second costs more bytes, which a window that size can afford."""

    DEFAULT_CSS = """
    TickingDigits {
        width: auto;
        height: auto;
    }
    TickingDigits > .-big {
        width: auto;
        height: auto;
        display: none;
    }
    """

    def __init__(self, value: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._face = value
        self.scale = 1
        """1: Textual's Digits; 2 or 3: the block font at that size."""

    def compose(self) -> ComposeResult:
        """The leading glyphs, the last one, and the big face (hidden until needed)."""
        self._lead = DigitRow(self._face[:-1], classes="-lead")
        self._last = DigitRow(self._face[-1:], classes="-last")
        self._big = Static("", classes="-big", markup=False)
        yield from (self._lead, self._last, self._big)

    @property
    def value(self) -> str:
        """The whole face shown."""
        return self._face

    def set_scale(self, scale: int) -> None:
        """Draw the face at this size from now on (1 is the 3-row Digits)."""
        if scale == self.scale:
            return
        self.scale = scale
        for digits in (self._lead, self._last):
            digits.display = scale == 1
        big = self._big
        big.display = scale > 1
        self.styles.width = "auto" if scale > 1 else None  # the stylesheet's width at 1
        if scale > 1:
            big.update(big_face(self._face, scale))

    def update(self, value: str) -> None:
        """Show `value`, repainting only the part that changed."""
        old, self._face = self._face, value
        if not self.is_mounted:
            return
        if self.scale > 1:
            if value != old:
                self._big.update(big_face(value, self.scale))
            return
        if value[:-1] != old[:-1]:
            self._lead.update(value[:-1])
        if value[-1:] != old[-1:]:
            self._last.update(value[-1:])


class CountdownPanel(Horizontal):
    """Digits on the left; headline, progress bar and two info lines on the right."""

    DEFAULT_CSS = """
    CountdownPanel .countdown-bar {
        height: 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: dict[str, object] = {}

    def compose(self) -> ComposeResult:
        """The digits and the text column."""
        # Kept by reference: `show` runs every second and a selector query costs more
        # than the update it leads to.
        self._digits = TickingDigits("00:00", classes="countdown-digits")
        yield self._digits
        with Vertical(classes="countdown-text"):
            self._parts = {name: Static("", classes=f"countdown-{name}", markup=False)
                           for name in ("headline", "line1", "line2")}
            yield self._parts["headline"]
            # Not Textual's ProgressBar: it runs its own 1 s interval even when idle.
            self._bar = Static(ProgressLine(0.0), classes="countdown-bar")
            yield self._bar
            yield self._parts["line1"]
            yield self._parts["line2"]

    def on_resize(self) -> None:
        """Grow the digits with the window (termdown's idea); 80x24 keeps the 3-row face."""
        self._digits.set_scale(face_scale(*self.app.size))

    def _changed(self, key: str, value: object) -> bool:
        """Remember value under key; True if it differs from what is shown."""
        if self._shown.get(key) == value:
            return False
        self._shown[key] = value
        return True

    def show(
        self, *, face: str, state: str, headline: str | Text, progress: float,
        line1: str | Text, line2: str | Text,
    ) -> None:
        """Put these values on screen, touching only the parts that changed."""
        if self._changed("face", face):
            self._digits.update(face)
        if self._changed("state", state):
            self.remove_class(*STATES)
            self.add_class(state)
        for name, value in (("headline", headline), ("line1", line1), ("line2", line2)):
            if self._changed(name, str(value)):
                self._parts[name].update(value)
        bar = self._bar
        width = bar.size.width
        if self._changed("progress", (filled_cells(progress, width), width)):
            bar.update(ProgressLine(progress), layout=False)  # one row high, always
