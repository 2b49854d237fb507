"""What the journal says about drills: the streak, this week's adherence, the pain gate.

Pure functions over journal entries (activity "drills"); the Drills tab shows them and the
next run of a routine eases the drills that hurt last time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo

from tui.domain.frozen import frozen
from tui.domain.journal import Entry
from tui.domain.routine import RoutineRun
from tui.domain.stats import drill_days, drills_done, drills_streak

DRILLS = "drills"

__all__ = ["drill_days", "streak", "week_adherence"]

streak = drills_streak
"""The streak as `tui.domain.stats` counts it (one definition of drills done)."""


@frozen()
class WeekAdherence:
    """Drills this week (Monday to today): on how many of the days so far, and sessions."""

    days_done: int
    days_so_far: int
    sessions: int

    def text(self) -> str:
        """"this week: drills on 3 of 5 days (4 sessions)"."""
        plural = "s" if self.sessions != 1 else ""
        return (
            f"this week: drills on {self.days_done} of {self.days_so_far} days "
            f"({self.sessions} session{plural})"
        )


def week_adherence(entries: Iterable[Entry], today: date) -> WeekAdherence:
    """How many days of this week so far had drills done, and how many sessions (counted as
    `tui.domain.stats.drills_done` counts: a session stopped early is not drills done)."""
    monday = today - timedelta(days=today.weekday())
    done = drills_done(entries, monday, today)
    return WeekAdherence(days_done=done.days_done, days_so_far=done.days,
                         sessions=done.sessions)


def last_session(entries: Iterable[Entry], routine_id: str) -> Entry | None:
    """The most recent drills session of this routine."""
    mine = [e for e in entries if e.activity == DRILLS and e.routine == routine_id]
    if not mine:
        return None

    def when(entry: Entry) -> tuple[date, float]:
        stamp = entry.ended_at or entry.started_at
        return entry.date, stamp.timestamp() if stamp else 0.0

    return max(mine, key=when)


def drills_to_ease(entries: Iterable[Entry], routine_id: str) -> list[str]:
    """The pain gate: drills marked "that hurt" in the last session of this routine."""
    last = last_session(entries, routine_id)
    return list(last.hurt_drills) if last else []


def session_entry(
    run: RoutineRun,
    now: datetime,
    local_tz: tzinfo,
    *,
    pain_before: int | None,
    pain_after: int | None,
    note: str,
) -> Entry:
    """The journal entry for a run that has ended (finished or stopped); its end is never
    before its start, even if the clock went back."""
    ended = max(run.ended_at or now, run.started_at)
    return Entry(
        date=run.started_at.astimezone(local_tz).date(),
        activity=DRILLS,
        routine=run.routine.id,
        started_at=run.started_at,
        ended_at=ended,
        duration_min=round(run.active_seconds(ended) / 60, 1),
        completed=run.completed,
        pain_before=pain_before,
        pain_after=pain_after,
        note=note,
        hurt_drills=list(run.hurt_drills),
    )
