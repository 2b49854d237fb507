"""One definition of "drills done" (issue 15) and the Markdown export's weekly table:
`--since` filters it, and neither empty weeks nor "the whole log" are claimed."""

from __future__ import annotations

from datetime import date, timedelta

from tui.domain.drill_log import week_adherence
from tui.domain.export import to_markdown, weekly_rows
from tui.domain.journal import Entry, Journal
from tui.domain.stats import drill_days, drills_done, drills_recent, drills_streak

TODAY = date(2026, 3, 14)  # a Saturday


def _drills(day: date, **extra: object) -> Entry:
    return Entry(date=day, activity="drills", **extra)  # type: ignore[arg-type]


ENTRIES = [
    _drills(TODAY - timedelta(2)),
    _drills(TODAY - timedelta(2)),
    _drills(TODAY - timedelta(1), completed=False),  # stopped early: not drills done
    _drills(TODAY, completed=True),
    Entry(date=TODAY, activity="run", distance_km=5),
]


def test_drills_done_counts_days_and_sessions_not_stopped_early() -> None:
    done = drills_done(ENTRIES, TODAY - timedelta(2), TODAY)
    assert (done.days_done, done.days, done.sessions) == (2, 3, 3)
    assert done.text() == "drills on 2 of 3 days (3 sessions)"
    assert drill_days(ENTRIES) == {TODAY - timedelta(2), TODAY}
    assert drills_streak(ENTRIES, TODAY) == 1
    assert drills_recent(ENTRIES, TODAY).counts() == "2 of 28 days (3 sessions)"
    assert drills_done(ENTRIES, TODAY - timedelta(1), TODAY - timedelta(1)).sessions == 0


def test_the_drills_tab_counts_the_same_way() -> None:
    week = week_adherence(ENTRIES, TODAY)
    monday = drills_done(ENTRIES, date(2026, 3, 9), TODAY)
    assert (week.days_done, week.days_so_far, week.sessions) == (
        monday.days_done, monday.days, monday.sessions) == (2, 6, 3)


def test_status_says_drills_done_by_the_same_rule() -> None:
    from tui.commands.status import drills_part

    assert drills_part(Journal(entries=ENTRIES), TODAY) == "drills done today"
    stopped = Journal(entries=[_drills(TODAY, completed=False)])
    assert drills_part(stopped, TODAY) == "drills not done today"


def _run(day: date, km: float, pain: int) -> Entry:
    return Entry(date=day, activity="run", distance_km=km, pain_after=pain)


def test_since_filters_the_weekly_table_and_empty_weeks_are_left_out() -> None:
    """A run on the Monday before --since does not count in the week of --since; the week
    with nothing logged between is left out."""
    monday = date(2026, 3, 2)
    entries = [_run(monday - timedelta(weeks=3), 3, 1), _run(monday, 10, 7),
               _run(monday + timedelta(3), 4, 2), _run(TODAY, 5, 1)]
    rows = weekly_rows(entries, TODAY, since=monday + timedelta(2))
    assert [(r.start, r.km, r.after) for r in rows] == [(monday, 4.0, 2),
                                                        (date(2026, 3, 9), 5.0, 1)]
    rows = weekly_rows(entries, TODAY, since=None)
    assert [r.start for r in rows] == [monday - timedelta(weeks=3), monday, date(2026, 3, 9)]


def test_markdown_names_the_period_and_filters_the_weeks() -> None:
    monday = date(2026, 3, 2)
    journal = Journal(entries=[_run(monday, 10, 7), _run(TODAY, 5, 1)])
    whole = to_markdown(journal, TODAY)
    assert "the whole log" not in whole
    assert "covering entries from 2026-03-02 to 2026-03-14" in whole
    assert "| 2026-02-23 |" not in whole  # an empty week
    since = to_markdown(journal, TODAY, since=date(2026, 3, 9))
    assert "covering entries from 2026-03-09" in since
    assert "| 2026-03-02 |" not in since
    assert "| 2026-03-09 | - | 1" in since
    assert "drills on 0 of 6 days (0 sessions) since 2026-03-09" in since
    empty = to_markdown(Journal(), TODAY)
    assert "nothing is logged yet" in empty and "Nothing logged in these weeks." in empty
