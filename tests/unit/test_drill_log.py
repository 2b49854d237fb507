"""Streak, weekly adherence and the pain gate, from journal entries."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tui.domain.drill_log import drills_to_ease, streak, week_adherence
from tui.domain.journal import Entry

TODAY = date(2026, 3, 14)  # a Saturday


def _drills(day: date, **extra) -> Entry:
    return Entry(date=day, activity="drills", **extra)


def test_streak_counts_days_in_a_row() -> None:
    """Three days running, then a gap; a run is not a drills day; two on one day count once."""
    days = [TODAY, TODAY, TODAY - timedelta(1), TODAY - timedelta(2), TODAY - timedelta(4)]
    entries = [_drills(d) for d in days] + [Entry(date=TODAY - timedelta(3), activity="run")]
    assert streak(entries, TODAY) == 3


def test_streak_still_counts_before_today_is_done() -> None:
    """In the morning, before today's drills, yesterday's streak still stands."""
    entries = [_drills(TODAY - timedelta(1)), _drills(TODAY - timedelta(2))]
    assert streak(entries, TODAY) == 2
    assert streak(entries, TODAY + timedelta(1)) == 0


def test_week_adherence_from_monday() -> None:
    """Saturday: 6 days so far; drills on Mon, Wed (twice) and Sat; last Sunday not counted."""
    monday = date(2026, 3, 9)
    entries = [_drills(monday), _drills(monday + timedelta(2)), _drills(monday + timedelta(2)),
               _drills(TODAY), _drills(monday - timedelta(1))]
    week = week_adherence(entries, TODAY)
    assert (week.days_done, week.days_so_far, week.sessions) == (3, 6, 4)
    assert week.text() == "this week: drills on 3 of 6 days (4 sessions)"


def test_pain_gate_uses_the_last_session_of_that_routine() -> None:
    """The drills that hurt in the latest session of this routine, not of another one."""
    at = datetime(2026, 3, 13, 7, 0, tzinfo=UTC)
    entries = [
        _drills(TODAY - timedelta(1), routine="morning_foot", hurt_drills=["calf_raise"],
                ended_at=at),
        _drills(TODAY - timedelta(1), routine="morning_foot", hurt_drills=["heel_drop"],
                ended_at=at + timedelta(hours=8)),
        _drills(TODAY, routine="alfredson", hurt_drills=["alfredson_bent"]),
    ]
    assert drills_to_ease(entries, "morning_foot") == ["heel_drop"]
    assert drills_to_ease(entries, "rathleff") == []
