"""Charts drawn with text for the Log tab: pain over time, weekly distance, drills calendar.

Each marker has its own glyph, so the charts read the same without colour (NO_COLOR, greyscale
themes); colour only helps.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text

from tui.domain.stats import DrillsDone, PainDay, week_start
from tui.domain.units import from_km, unit_label

PAIN_ROWS = tuple(range(10, -1, -1))
"""One row per score, 10 at the top and 0 at the bottom."""
MARKERS = (("after", "●", "bold red"), ("next_morning", "◆", "yellow"), ("before", "○", "cyan"))
"""Scores of runs, walks and the rest: the first cell of a day."""
DRILLS_MARKERS = (("after", "▲", "bold magenta"), ("next_morning", "◆", "yellow"),
                  ("before", "△", "magenta"))
"""Scores of drills sessions: the second cell of a day, so they never pass for run pain."""
OVERLAP = ("✱", "bold")
"""Two or more scores of one cell on the same row."""
LABELS = {"after": "after", "next_morning": "next morning", "before": "before"}
DAY_WIDTH = 2
"""Columns per day: sessions, then drills."""


def pain_days(width: int) -> int:
    """How many days of pain fit a chart this wide (the axis takes 4 columns)."""
    return max(14, min(36, (width - 6) // DAY_WIDTH))


def _cell(day: PainDay | None, markers: tuple[tuple[str, str, str], ...],
          level: int) -> tuple[str, str]:
    """The glyph and style of one day's cell on one row: its marker, ✱ when several."""
    if day is None:
        return " ", ""
    found = [(glyph, style) for name, glyph, style in markers
             if getattr(day, name) == level]
    if len(found) > 1:
        return OVERLAP
    return found[0] if found else (" ", "")


def pain_chart(days: list[PainDay], drills: list[PainDay] | None = None) -> Text:
    """A scatter of daily pain, one row per score 0-10 and two columns a day: the first for
    runs, walks and other sessions, the second for drills; ✱ where scores meet."""
    drills_by_day = {d.day: d for d in drills or []}
    text = Text()
    text.append(f"Pain, last {len(days)} days  ", style="bold")
    for name, glyph, style in MARKERS:
        text.append(glyph, style=style)
        text.append(f" {LABELS[name]} ")
    text.append("\n drills ", style="dim")
    for name, glyph, style in DRILLS_MARKERS:
        if name != "next_morning":
            text.append(glyph, style=style)
            text.append(f" {LABELS[name]} ")
    text.append(OVERLAP[0], style=OVERLAP[1])
    text.append(" two at once\n")
    for level in PAIN_ROWS:
        text.append(f"{level:>2} ┤", style="dim")
        for day in days:
            text.append(*_cell(day, MARKERS, level))
            text.append(*_cell(drills_by_day.get(day.day), DRILLS_MARKERS, level))
        text.append("\n")
    text.append("   └" + "─" * (DAY_WIDTH * len(days)) + "\n", style="dim")
    axis = [" "] * (DAY_WIDTH * len(days) + 4)
    for index, day in enumerate(days):
        if index % 7 == 0:
            label = day.day.strftime("%d %b")
            at = 4 + DAY_WIDTH * index
            if at + len(label) <= len(axis):
                axis[at:at + len(label)] = label
    text.append("".join(axis).rstrip(), style="dim")
    return text


def distance_bars(
    weeks: list[tuple[date, float]], units: str, today: date, target_km: float | None = None,
    width: int = 22,
) -> Text:  # fmt: skip
    """One horizontal bar per week of running distance, the current week marked ▶."""
    unit = unit_label(units)
    text = Text("Running per week", style="bold")
    if target_km is not None:
        text.append(f" (plan: {from_km(target_km, units):.1f} {unit})")
    text.append("\n")
    peak = max([km for _, km in weeks] + [target_km or 0.0, 1.0])
    this_week = week_start(today)
    for start, km in weeks:
        filled = round(width * km / peak)
        marker = "▶" if start == this_week else " "
        text.append(f"{marker}{start.strftime('%d %b')} ")
        text.append("█" * filled, style="green")
        text.append("·" * (width - filled), style="dim")
        text.append(f" {from_km(km, units):5.1f}\n")
    text.rstrip()
    return text


def drills_calendar(done: set[date], today: date, streak: int, recent: DrillsDone) -> Text:
    """The last four Monday-to-Sunday weeks: ✓ drills done, · missed, today in brackets."""
    text = Text("Drills", style="bold")
    text.append(f"  streak {streak} d\non {recent.counts()}\n")
    text.append("       Mo Tu We Th Fr Sa Su\n", style="dim")
    first = week_start(today) - timedelta(weeks=3)
    for week in range(4):
        monday = first + timedelta(weeks=week)
        text.append(monday.strftime("%d %b") + " ", style="dim")
        for offset in range(7):
            day = monday + timedelta(days=offset)
            if day > today:
                text.append("   ")
                continue
            glyph, style = ("✓", "green") if day in done else ("·", "dim")
            if day == today:
                text.append("[", style="bold")
                text.append(glyph, style=style)
                text.append("]", style="bold")
            else:
                text.append(f" {glyph} ", style=style)
        text.append("\n")
    text.rstrip()
    return text
