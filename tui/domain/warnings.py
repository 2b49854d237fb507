"""Warnings read from the journal: load jumps, stacked training changes, worn shoes, no easing.

Rules (see REFERENCE.md): a week more than 10% above the one before (the seed's rule, weak
evidence; Nielsen 2014 saw harm above 30%); a run more than 10% longer than the longest of the
previous 30 days (Garmin-RUNSAFE); two training changes in one week (the seed: change one thing
at a time); shoes at 480 km warn and 800 km retire (the seed's 300-500 miles); an injury that
has not eased after 7 days should be seen by a professional (the seed).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from tui.domain.frozen import frozen
from tui.domain.journal import RUNNING_ACTIVITIES, Episode, Journal
from tui.domain.stats import shoe_distances, week_start
from tui.domain.units import format_distance

SHOE_WARN_KM = 480.0
SHOE_RETIRE_KM = 800.0
WEEK_JUMP = 0.10
LONG_RUN_JUMP = 0.10
LONG_RUN_WINDOW_DAYS = 30
NOT_EASED_DAYS = 7

WarningKind = Literal["week_jump", "long_run", "changes", "shoe_worn", "shoe_retire", "not_eased"]


@frozen()
class LogWarning:
    """One thing the journal suggests the runner should look at."""

    kind: WarningKind
    day: date
    message: str


def week_jump(
    journal: Journal, today: date, units: str = "km", plan_km: float | None = None
) -> LogWarning | None:
    """This week's (or last week's) running above the week before by >10%.

    While a return-to-run plan sets this week's distance (`plan_km`), a week within it is
    the plan working as meant, not a jump.
    """
    totals: dict[date, float] = {}
    for entry in journal.entries:
        if entry.activity in RUNNING_ACTIVITIES and entry.distance_km and entry.date <= today:
            start = week_start(entry.date)
            totals[start] = totals.get(start, 0.0) + entry.distance_km
    this_week = week_start(today)
    for start in (this_week, this_week - timedelta(weeks=1)):
        now, before = totals.get(start, 0.0), totals.get(start - timedelta(weeks=1), 0.0)
        if start == this_week and plan_km is not None and now <= plan_km * (1 + WEEK_JUMP):
            continue
        if before > 0 and now > before * (1 + WEEK_JUMP):
            rise = (now / before - 1) * 100
            label = "This week" if start == this_week else "Last week"
            return LogWarning(
                "week_jump",
                start,
                f"{label}: {format_distance(now, units)} of running, {rise:.0f}% more than "
                f"the week before ({format_distance(before, units)}). Aim for 10% or less.",
            )
    return None


def long_runs(journal: Journal, today: date, units: str = "km", days: int = 7) -> list[LogWarning]:
    """Runs in the last `days` days more than 10% longer than any in the 30 days before them."""
    runs = sorted(
        (e for e in journal.entries if e.activity in RUNNING_ACTIVITIES and e.distance_km),
        key=lambda e: e.date,
    )
    found = []
    for entry in runs:
        if not today - timedelta(days=days - 1) <= entry.date <= today:
            continue
        window = entry.date - timedelta(days=LONG_RUN_WINDOW_DAYS)
        longest = max(
            (r.distance_km or 0.0 for r in runs if window <= r.date < entry.date), default=0.0
        )
        if longest > 0 and (entry.distance_km or 0.0) > longest * (1 + LONG_RUN_JUMP):
            found.append(
                LogWarning(
                    "long_run",
                    entry.date,
                    f"{entry.date}: a {format_distance(entry.distance_km, units)} run, more than "
                    f"10% past your longest of the 30 days before "
                    f"({format_distance(longest, units)}).",
                )
            )
    return found


def stacked_changes(
    journal: Journal, today: date, cause_labels: dict[str, str] | None = None
) -> LogWarning | None:
    """Two or more different training changes logged in this week (or last week)."""
    this_week = week_start(today)
    for start in (this_week, this_week - timedelta(weeks=1)):
        changes: dict[str, None] = {}
        for entry in journal.entries:
            if start <= entry.date < start + timedelta(weeks=1) and entry.date <= today:
                changes.update(dict.fromkeys(entry.changes))
        if len(changes) >= 2:
            labels = cause_labels or {}
            names = ", ".join(labels.get(c, c.replace("_", " ")) for c in changes)
            when = "This week" if start == this_week else "Last week"
            return LogWarning(
                "changes",
                start,
                f"{when} brought {len(changes)} training changes ({names}). "
                "Change one thing at a time so you can tell what helps or hurts.",
            )
    return None


def shoe_wear(journal: Journal, today: date, units: str = "km") -> list[LogWarning]:
    """Shoes in use past 480 km (replace soon) or 800 km (retire them)."""
    totals = shoe_distances(journal)
    found = []
    for shoe in journal.shoes:
        if shoe.retired:
            continue
        km = totals.get(shoe.id, shoe.start_km)
        if km >= SHOE_RETIRE_KM:
            found.append(
                LogWarning(
                    "shoe_retire",
                    today,
                    f"{shoe.name}: {format_distance(km, units)}. "
                    "Past 800 km (500 mi): retire them.",
                )
            )
        elif km >= SHOE_WARN_KM:
            found.append(
                LogWarning(
                    "shoe_worn",
                    today,
                    f"{shoe.name}: {format_distance(km, units)}. "
                    "Past 480 km (300 mi) the cushioning wears out: plan a new pair.",
                )
            )
    return found


def pain_eased(journal: Journal, episode: Episode, today: date) -> bool:
    """Whether the latest pain of the episode is clearly below its first (2+ points) or zero."""
    scores = []
    for entry in sorted(journal.entries, key=lambda e: e.date):
        if entry.date < episode.started or entry.date > today:
            continue
        if entry.episode not in (None, episode.id):
            continue
        for score in (entry.pain_before, entry.pain_after, entry.pain_next_morning):
            if score is not None:
                scores.append((entry.date, score))
    if not scores:
        return False
    first_day = scores[0][0]
    first = max(s for d, s in scores if d == first_day)
    last_day = scores[-1][0]
    latest = max(s for d, s in scores if d == last_day)
    return latest == 0 or (last_day > first_day and latest <= first - 2)


def not_eased(journal: Journal, today: date) -> LogWarning | None:
    """An open episode 7+ days old whose pain has not clearly eased: see a professional."""
    episode = journal.open_episode()
    if episode is None or episode.pain_free_since is not None:
        return None
    days = (today - episode.started).days
    if days < NOT_EASED_DAYS or pain_eased(journal, episode, today):
        return None
    return LogWarning(
        "not_eased",
        today,
        f"Day {days} since this started and the pain has not eased. "
        "Book a GP, physio or podiatrist rather than waiting longer.",
    )


def all_warnings(
    journal: Journal,
    today: date,
    units: str = "km",
    cause_labels: dict[str, str] | None = None,
    plan_km: float | None = None,
) -> list[LogWarning]:
    """Every current warning, the most important (not eased) first."""
    found: list[LogWarning | None] = [
        not_eased(journal, today),
        week_jump(journal, today, units, plan_km),
    ]
    found += long_runs(journal, today, units)
    found.append(stacked_changes(journal, today, cause_labels))
    found += shoe_wear(journal, today, units)
    return [w for w in found if w is not None]
