"""Numbers drawn from the journal: weekly distance, pain over time, drills streak, shoe wear."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from tui.domain.frozen import frozen
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


def pain_series(entries: Iterable[Entry], first: date, last: date, *,
                drills: bool | None = None) -> list[PainDay]:
    """One PainDay per calendar day from first to last (None where nothing was recorded).
    `drills`: None counts every entry, False all but drills sessions, True drills only
    (the Charts draw the two apart, so drills pain never passes for run pain)."""
    by_day: dict[date, list[int | None]] = defaultdict(lambda: [None, None, None])
    for entry in entries:
        if drills is not None and (entry.activity == "drills") != drills:
            continue
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


# --- drills done: one definition for the Drills tab, the Charts, `status` and the export --


def drills_session_counts(entry: Entry) -> bool:
    """Whether an entry is a drills session that counts as "drills done": any drills entry
    except one stopped early (a session logged by hand, with no end state, counts)."""
    return entry.activity == "drills" and entry.completed is not False


def drill_days(entries: Iterable[Entry]) -> set[date]:
    """Every date with a drills session that counts (`drills_session_counts`)."""
    return {e.date for e in entries if drills_session_counts(e)}


def drills_streak(entries: Iterable[Entry], today: date) -> int:
    """Days in a row with drills done, ending today (or yesterday, if today is not done yet)."""
    days = drill_days(entries)
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


@frozen()
class DrillsDone:
    """Drills done from one day to another, both included."""

    days_done: int
    """Days with at least one session that counts."""
    days: int
    """Days in the period."""
    sessions: int
    """Sessions that count."""

    @property
    def share(self) -> float:
        """days_done / days (0-1)."""
        return self.days_done / self.days if self.days else 0.0

    def counts(self) -> str:
        """"3 of 5 days (4 sessions)"."""
        plural = "s" if self.sessions != 1 else ""
        return f"{self.days_done} of {self.days} days ({self.sessions} session{plural})"

    def text(self) -> str:
        """"drills on 3 of 5 days (4 sessions)"."""
        return f"drills on {self.counts()}"


def drills_done(entries: Iterable[Entry], first: date, last: date) -> DrillsDone:
    """Drills done from `first` to `last`, both included: every caller counts this way."""
    sessions = [e for e in entries if drills_session_counts(e) and first <= e.date <= last]
    return DrillsDone(days_done=len({e.date for e in sessions}),
                      days=max(0, (last - first).days + 1), sessions=len(sessions))


def drills_recent(entries: Iterable[Entry], today: date, days: int = 28) -> DrillsDone:
    """Drills done in the last `days` days, today included (the Charts and the export)."""
    return drills_done(entries, today - timedelta(days=days - 1), today)


def drills_adherence(entries: Iterable[Entry], today: date, days: int = 28) -> float:
    """The share (0-1) of the last `days` days, today included, that had drills done."""
    return drills_recent(entries, today, days).share


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
