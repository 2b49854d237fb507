"""Numbers drawn from the journal: weekly distance, pain over time, drills streak, shoe wear."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from tui.domain.drill_log import drill_days, streak
from tui.domain.journal import RUNNING_ACTIVITIES, Entry, Journal, Shoe


def week_start(day: date) -> date:
    """The Monday of the week that holds `day`."""
    return day - timedelta(days=day.weekday())


def weekly_distance(
    entries: Iterable[Entry], today: date, weeks: int = 8
) -> list[tuple[date, float]]:
    """Running distance (run + jog/walk) per Monday-to-Sunday week, oldest first, ending today."""
    last = week_start(today)
    starts = [last - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]
    totals = dict.fromkeys(starts, 0.0)
    first = starts[0]
    for entry in entries:
        if (
            entry.activity in RUNNING_ACTIVITIES
            and entry.distance_km
            and first <= entry.date <= today
        ):
            totals[week_start(entry.date)] += entry.distance_km
    return [(start, round(totals[start], 3)) for start in starts]


@dataclass(frozen=True)
class PainDay:
    """The highest pain recorded on one day: before, after, and the next morning."""

    day: date
    before: int | None
    after: int | None
    next_morning: int | None


def _worst(a: int | None, b: int | None) -> int | None:
    """The higher of two optional scores."""
    if a is None:
        return b
    return a if b is None else max(a, b)


def pain_series(entries: Iterable[Entry], first: date, last: date) -> list[PainDay]:
    """One PainDay per calendar day from first to last (None where nothing was recorded)."""
    by_day: dict[date, list[int | None]] = defaultdict(lambda: [None, None, None])
    for entry in entries:
        if first <= entry.date <= last:
            row = by_day[entry.date]
            row[0] = _worst(row[0], entry.pain_before)
            row[1] = _worst(row[1], entry.pain_after)
            row[2] = _worst(row[2], entry.pain_next_morning)
    days = (last - first).days + 1
    series = []
    for n in range(days):
        day = first + timedelta(days=n)
        before, after, morning = by_day.get(day, [None, None, None])
        series.append(PainDay(day, before, after, morning))
    return series


drills_streak = streak
"""The drills streak has one definition, in drill_log, shared by the Drills and Log tabs."""


def drills_adherence(entries: Iterable[Entry], today: date, days: int = 28) -> float:
    """The share (0-1) of the last `days` days, today included, that had drills."""
    done = drill_days(entries)
    first = today - timedelta(days=days - 1)
    return sum(1 for d in done if first <= d <= today) / days


def shoe_distance(shoe: Shoe, entries: Iterable[Entry]) -> float:
    """Kilometres on a shoe: its starting distance plus every logged distance in it."""
    return shoe.start_km + sum(e.distance_km or 0.0 for e in entries if e.shoe == shoe.id)


def shoe_distances(journal: Journal) -> dict[str, float]:
    """Kilometres per shoe id, computed in one pass over the entries."""
    totals = {shoe.id: shoe.start_km + journal.shoe_km_before.get(shoe.id, 0.0)
              for shoe in journal.shoes}
    for entry in journal.entries:
        if entry.shoe in totals and entry.distance_km:
            totals[entry.shoe] += entry.distance_km
    return totals


def episode_entries(journal: Journal, episode_id: str | None) -> list[Entry]:
    """Entries that belong to an episode (all entries when episode_id is None)."""
    if episode_id is None:
        return list(journal.entries)
    return [e for e in journal.entries if e.episode == episode_id]


def pre_injury_weekly_km(journal: Journal, onset: date, weeks: int = 4) -> float | None:
    """Average weekly running distance over the `weeks` weeks before onset (None if no runs)."""
    first = onset - timedelta(weeks=weeks)
    total = sum(
        e.distance_km or 0.0
        for e in journal.entries
        if e.activity in RUNNING_ACTIVITIES and first <= e.date < onset
    )
    return round(total / weeks, 1) if total > 0 else None
