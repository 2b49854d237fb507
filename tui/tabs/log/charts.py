"""Charts drawn with text for the Log tab: pain over time, weekly distance, drills calendar.

Each marker has its own glyph, so the charts read the same without colour (NO_COLOR, greyscale
themes); colour only helps.
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.text import Text

from tui.domain.stats import PainDay, week_start
from tui.domain.units import from_km, unit_label

PAIN_ROWS = (10, 8, 6, 4, 2, 0)
MARKERS = (("after", "●", "bold red"), ("next_morning", "◆", "yellow"), ("before", "○", "cyan"))
"""Drawn in this order of priority when two scores share a cell."""


def pain_chart(days: list[PainDay]) -> Text:
    """A 6-row scatter of daily pain (0-10, in steps of 2), two columns a day, with a legend."""
    text = Text()
    text.append("Pain, last ", style="bold")
    text.append(f"{len(days)} days", style="bold")
    text.append("   ")
    for _name, glyph, style in MARKERS:
        label = {"after": "after", "next_morning": "next morning", "before": "before"}[_name]
        text.append(glyph, style=style)
        text.append(f" {label}  ")
    text.append("\n")
    for level in PAIN_ROWS:
        text.append(f"{level:>2} ┤", style="dim")
        for day in days:
            cell = " "
            cell_style = ""
            for name, glyph, style in MARKERS:
                score = getattr(day, name)
                if score is not None and _row_of(score) == level:
                    cell, cell_style = glyph, style
                    break
            text.append(cell, style=cell_style)
            text.append(" ")
        text.append("\n")
    text.append("   └" + "─" * (2 * len(days)) + "\n", style="dim")
    axis = [" "] * (2 * len(days) + 4)
    for index, day in enumerate(days):
        if index % 7 == 0:
            label = day.day.strftime("%d %b")
            if 4 + 2 * index + len(label) <= len(axis):
                for offset, char in enumerate(label):
                    axis[4 + 2 * index + offset] = char
    text.append("".join(axis).rstrip(), style="dim")
    return text


def _row_of(score: int) -> int:
    """The chart row (10, 8 … 0) a 0-10 score falls on: halves round up, so 1 shows above 0."""
    return min(10, 2 * ((score + 1) // 2))


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


def drills_calendar(done: set[date], today: date, streak: int, adherence: float) -> Text:
    """The last four Monday-to-Sunday weeks: ✓ drills done, · missed, today in brackets."""
    text = Text("Drills", style="bold")
    text.append(f"  streak {streak} d · {adherence:.0%} of 28 d\n")
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
