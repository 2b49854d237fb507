"""The pain chart (issue 15): one row per score 0-10, drills in their own column, and ✱
where two scores meet."""

from __future__ import annotations

from datetime import date, timedelta

from tui.domain.journal import Entry
from tui.domain.stats import drills_recent, pain_series
from tui.tabs.log.charts import drills_calendar, pain_chart

TODAY = date(2026, 3, 14)


def _rows(text: str) -> dict[int, str]:
    """Score → the cells right of the axis."""
    rows = {}
    for line in text.splitlines():
        head, _, cells = line.partition("┤")
        if cells or head.strip().isdigit():
            rows[int(head)] = cells
    return rows


def test_each_score_has_its_own_row() -> None:
    entries = [Entry(date=TODAY - timedelta(1), activity="run", pain_after=5),
               Entry(date=TODAY, activity="run", pain_after=6)]
    first = TODAY - timedelta(13)
    chart = pain_chart(pain_series(entries, first, TODAY, drills=False),
                       pain_series(entries, first, TODAY, drills=True)).plain
    rows = _rows(chart)
    assert sorted(rows) == list(range(11))
    assert rows[5][2 * 12] == "●" and rows[6][2 * 13] == "●"
    assert "●" not in rows[4] + rows[7]


def test_drills_pain_has_its_own_column_and_overlaps_are_marked() -> None:
    entries = [Entry(date=TODAY, activity="run", pain_before=3, pain_after=3),
               Entry(date=TODAY, activity="drills", pain_after=4)]
    first = TODAY - timedelta(13)
    rows = _rows(pain_chart(pain_series(entries, first, TODAY, drills=False),
                            pain_series(entries, first, TODAY, drills=True)).plain)
    assert rows[3][26] == "✱"  # before and after on the same spot
    assert rows[4][26] == " " and rows[4][27] == "▲"  # the drills column, not the run's


def test_the_calendar_says_drills_as_everywhere_else() -> None:
    entries = [Entry(date=TODAY, activity="drills"), Entry(date=TODAY, activity="drills",
                                                           completed=False)]
    text = drills_calendar({TODAY}, TODAY, 1, drills_recent(entries, TODAY)).plain
    assert "on 1 of 28 days (1 session)" in text
