"""A foot drawn in text, with a label per region: move with arrows or hjkl, pick with space.

Two views side by side: the footprint of a right foot seen from above (big toe on the left,
inner side left, outer edge right) and the inner side of the foot. A region may appear in
both views; its labels pick the same region. Picked regions show "✓" and reverse video, the
cursor shows "▶ ◀", so nothing depends on colour. Clicking a label picks it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from tui.domain.frozen import frozen

# {region_id:width} marks where a label goes; everything else is drawn as it stands.
TEMPLATE = r"""
 FOOTPRINT (right foot, from above)   INNER SIDE (heel left, toes right)
     big toe    little toe
     (_)(_)(_)(_)(_)                         .------------------.
   ( {big_toe_joint:10}{toes:8} )               .------' {top_of_foot:18} '--.
   | {between_toes:18} |       {back_of_heel:15}                       '--.
   | {ball_of_foot:18} |        |     {inner_side:18}                 '-.
  {inner_side:9}{arch:8}{outer_edge:9}       |                                      )
   |                    |       '---{heel_bottom:14}--{arch:8}----------------'
    \ {heel_bottom:17}/
     '-----------------'
          {whole_foot:14}
""".strip("\n")

SHORT_NAMES: dict[str, str] = {
    "heel_bottom": "Under heel",
    "back_of_heel": "Back of heel",
    "ball_of_foot": "Ball of foot",
    "between_toes": "Between toes",
    "top_of_foot": "Top of foot",
    "inner_side": "Inner",
    "outer_edge": "Outer",
    "whole_foot": "Whole foot",
    "big_toe_joint": "Big toe",
}
"""Shorter labels for spots too narrow for the full name (words below name it in full)."""

_TOKEN = re.compile(r"\{([a-z_]+):(\d+)\}")


@frozen()
class Spot:
    """One label on the drawing: which region, where it starts, how wide it is."""

    region: str
    row: int
    col: int
    width: int

    @property
    def center(self) -> tuple[float, float]:
        """The label's middle, used to find the nearest label in a direction."""
        return (self.col + self.width / 2, float(self.row))


def parse_template(template: str) -> tuple[list[str], list[Spot]]:
    """Split the drawing into art lines (labels blanked) and label spots in reading order."""
    lines: list[str] = []
    spots: list[Spot] = []
    for row, line in enumerate(template.splitlines()):
        out = ""
        pos = 0
        for match in _TOKEN.finditer(line):
            out += line[pos:match.start()]
            width = int(match.group(2))
            spots.append(Spot(match.group(1), row, len(out), width))
            out += " " * width
            pos = match.end()
        lines.append(out + line[pos:])
    return lines, spots


def nearest(spots: list[Spot], index: int, dx: int, dy: int) -> int:
    """The closest label in direction (dx, dy) from label `index`; itself if none."""
    x0, y0 = spots[index].center
    best, best_cost = index, float("inf")
    for n, spot in enumerate(spots):
        x, y = spot.center
        ahead = (x - x0) * dx + (y - y0) * dy
        if n == index or ahead <= 0:
            continue
        side = abs((x - x0) * dy) + abs((y - y0) * dx)
        # Rows are ~2.5x closer together than columns look: weigh vertical distance more.
        cost = ahead * (3 if dy else 1) + side * (1 if dy else 6)
        if cost < best_cost:
            best, best_cost = n, cost
    return best


class FootMap(Widget, can_focus=True):
    """The foot diagram; posts FootMap.Changed with the picked regions."""

    BINDINGS = [
        Binding("up,k", "move(0,-1)", "Up", show=False, id="footmap.up"),
        Binding("down,j", "move(0,1)", "Down", show=False, id="footmap.down"),
        Binding("left,h", "move(-1,0)", "Left", show=False, id="footmap.left"),
        Binding("right,l", "move(1,0)", "Right", show=False, id="footmap.right"),
        Binding("space", "pick", "Pick", id="footmap.pick"),
    ]

    cursor: reactive[int] = reactive(0)
    """Index of the label under the cursor."""

    class Changed(Message):
        """The set of picked regions changed."""

        def __init__(self, foot_map: FootMap, picked: tuple[str, ...]) -> None:
            super().__init__()
            self.foot_map = foot_map
            self.picked = picked

        @property
        def control(self) -> FootMap:
            """The map that changed."""
            return self.foot_map

    class Cursor(Message):
        """The cursor moved to another label."""

        def __init__(self, foot_map: FootMap, region: str) -> None:
            super().__init__()
            self.foot_map = foot_map
            self.region = region

        @property
        def control(self) -> FootMap:
            """The map whose cursor moved."""
            return self.foot_map

    def __init__(
        self,
        names: Mapping[str, str],
        *,
        picked: Iterable[str] = (),
        template: str = TEMPLATE,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.names = dict(names)
        self.lines, self.spots = parse_template(template)
        self.spots = [s for s in self.spots if s.region in self.names]
        self._order = list(self.names)
        self._picked: set[str] = set(picked)

    @property
    def picked(self) -> tuple[str, ...]:
        """Picked region ids, in vocabulary order."""
        return tuple(r for r in self._order if r in self._picked)

    @property
    def current(self) -> str:
        """The region under the cursor."""
        return self.spots[self.cursor].region

    def get_content_width(self, container, viewport) -> int:  # noqa: ANN001
        """As wide as the drawing."""
        return max(len(line) for line in self.lines)

    def get_content_height(self, container, viewport, width) -> int:  # noqa: ANN001
        """As tall as the drawing."""
        return len(self.lines)

    def _label(self, spot: Spot, index: int) -> tuple[str, str]:
        """The text and style of one label."""
        on = spot.region in self._picked
        here = index == self.cursor and self.has_focus
        left, right = ("▶", "◀") if here else ("[", "]")
        name = self.names[spot.region]
        if len(name) > spot.width - 3:
            name = SHORT_NAMES.get(spot.region, name)
        body = f"{'✓' if on else ' '}{name}"[: spot.width - 2]
        style = ("reverse " if on else "") + ("bold underline" if here else "")
        return f"{left}{body:<{spot.width - 2}}{right}", style.strip()

    def render(self) -> Text:
        """The drawing with every label in its current state."""
        rows = [Text(line, style="dim") for line in self.lines]
        for index, spot in enumerate(self.spots):
            label, style = self._label(spot, index)
            row = rows[spot.row]
            rows[spot.row] = (
                row[: spot.col] + Text(label, style=style) + row[spot.col + spot.width:]
            )
        return Text("\n").join(rows)

    def watch_cursor(self) -> None:
        """Redraw, keep the cursor in view in a narrow terminal, and tell the pane."""
        self.refresh()
        spot = self.spots[self.cursor]
        parent = self.parent
        if isinstance(parent, Widget) and self.is_mounted:
            where = Region(spot.col, spot.row, spot.width, 1) + self.region.offset
            parent.scroll_to_region(
                where - parent.content_region.offset + parent.scroll_offset, animate=False
            )
        self.post_message(self.Cursor(self, self.current))

    def on_focus(self) -> None:
        """Show the cursor."""
        self.refresh()

    def on_blur(self) -> None:
        """Hide the cursor."""
        self.refresh()

    def action_move(self, dx: int, dy: int) -> None:
        """Move the cursor to the nearest label in that direction."""
        self.cursor = nearest(self.spots, self.cursor, dx, dy)

    def action_pick(self) -> None:
        """Pick or unpick the region under the cursor."""
        self.toggle(self.current)

    def toggle(self, region: str) -> None:
        """Flip one region and tell the pane."""
        if region in self._picked:
            self._picked.discard(region)
        else:
            self._picked.add(region)
        self.refresh()
        self.post_message(self.Changed(self, self.picked))

    def set_picked(self, regions: Iterable[str]) -> None:
        """Replace the picked set (no message)."""
        self._picked = set(regions)
        self.refresh()

    def spot_at(self, x: int, y: int) -> int | None:
        """The index of the label drawn at column x, row y, if any."""
        for index, spot in enumerate(self.spots):
            if spot.row == y and spot.col <= x < spot.col + spot.width:
                return index
        return None

    def on_click(self, event: events.Click) -> None:
        """Clicking a label moves the cursor there and picks it."""
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = self.spot_at(offset.x, offset.y)
        if index is not None:
            self.cursor = index
            self.toggle(self.spots[index].region)
