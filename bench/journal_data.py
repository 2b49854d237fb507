"""Deterministic, realistic recovery journals for the benchmarks.

A runner logs about one thing a day: mostly runs (3-16 km, pain before/after and often the
next morning), some walks, bikes and strength sessions, rest days, and on roughly one day in
four a second entry for an ice session or a drills routine. Notes are short, sometimes
empty, sometimes with characters that must be shown literally ([brackets], emoji, accents).
The same count always gives the same journal, so every run of the benchmark reads the same
bytes.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from tui.domain.journal import Entry, Episode, Journal, Shoe

NEWEST_DATE = date(2026, 3, 13)
NEWEST_NOTE = "bench newest entry"
"""The note of the single entry on NEWEST_DATE: the Log tab shows it first when painted."""
YEAR_ENTRIES = 456
"""About a year of logging: 456 entries span 2025-03-10 to 2026-03-13."""

REGIONS = ["heel_bottom", "arch", "back_of_heel", "ball_of_foot", "top_of_foot", "outer_edge"]
ROUTINES = ["morning_foot", "first_steps", "alfredson", "rathleff"]
NOTES = [
    "", "", "", "easy, felt fine", "heel sore for the first km then ok",
    "tempo 4x1km, arch tight after", "new shoes, second run in them", "hills [steep] — ouch",
    "trail, uneven ground", "long run, stiff next morning", "commute ride", "rain 🌧 slow",
    "first steps out of bed hurt (3/10)", "calf raises felt strong", "rest, foot up",
    "track session; pain_after crept up", "Ünterwegs, barefoot on the beach: not again",
]


def _time_on(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def _entry(rng: random.Random, day: date, shoes: list[Shoe], second: bool) -> Entry:
    """One entry on day; `second` makes it the ice or drills session after the main one."""
    ident = f"{rng.getrandbits(48):012x}"
    if second:
        if rng.random() < 0.6:
            start = _time_on(day, rng.randint(17, 20), rng.choice((0, 15, 30, 45)))
            minutes = rng.choice((10, 15, 15, 15, 20))
            return Entry(
                id=ident, date=day, activity="ice", duration_min=minutes,
                regions=[rng.choice(REGIONS)], started_at=start,
                ended_at=start + timedelta(minutes=minutes), completed=rng.random() < 0.9,
            )
        start = _time_on(day, rng.randint(6, 8), rng.choice((0, 10, 20, 30)))
        return Entry(
            id=ident, date=day, activity="drills", duration_min=rng.choice((8, 12, 15)),
            routine=rng.choice(ROUTINES), started_at=start,
            ended_at=start + timedelta(minutes=12), completed=rng.random() < 0.85,
            hurt_drills=["towel_scrunch"] if rng.random() < 0.05 else [],
        )
    kind = rng.choices(
        ["run", "jog_walk", "walk", "bike", "swim", "strength", "rest"],
        weights=[55, 8, 10, 8, 3, 8, 8],
    )[0]
    before = rng.randint(0, 4)
    after = min(10, max(0, before + rng.randint(-2, 3)))
    distance = None
    duration = None
    if kind in ("run", "jog_walk", "walk", "bike", "swim"):
        distance = round(rng.uniform(3, 16) * (3 if kind == "bike" else 1), 1)
        pace = {"run": 5.5, "jog_walk": 7.5, "walk": 11, "bike": 2.5, "swim": 25}[kind]
        duration = round(distance * pace * rng.uniform(0.9, 1.15))
        if kind == "swim":
            distance = round(distance / 5, 1)
    elif kind == "strength":
        duration = rng.choice((20, 30, 45))
    return Entry(
        id=ident, date=day, activity=kind, distance_km=distance, duration_min=duration,
        pain_before=before if kind != "rest" else None,
        pain_after=after if kind != "rest" else None,
        pain_next_morning=min(10, max(0, after + rng.randint(-2, 1)))
        if rng.random() < 0.6 else None,
        shoe=rng.choice(shoes).id if kind in ("run", "jog_walk") else None,
        regions=rng.sample(REGIONS, k=rng.choice((0, 1, 1, 2))),
        note=rng.choice(NOTES),
        changes=["new_shoes"] if rng.random() < 0.01 else [],
    )


def make_journal(count: int, seed: int = 7) -> Journal:
    """A journal of exactly `count` entries ending on NEWEST_DATE (newest note NEWEST_NOTE)."""
    rng = random.Random(seed * 1_000_003 + count)
    shoes = [
        Shoe(id=f"shoe{n:08d}", name=name, start_km=km, retired=n < 3)
        for n, (name, km) in enumerate(
            [("Old trainers", 900.0), ("Racers", 150.0), ("Trail pair", 300.0),
             ("Daily trainers", 0.0), ("Spare pair", 40.0)]
        )
    ]
    entries: list[Entry] = []
    if count:
        entries.append(Entry(
            id="benchnewest0", date=NEWEST_DATE, activity="walk", distance_km=2.0,
            duration_min=25, pain_before=1, pain_after=1, note=NEWEST_NOTE,
        ))
    day = NEWEST_DATE
    while len(entries) < count:
        day -= timedelta(days=1)
        entries.append(_entry(rng, day, shoes, second=False))
        if len(entries) < count and rng.random() < 0.25:
            entries.append(_entry(rng, day, shoes, second=True))
    entries.reverse()  # oldest first, as appending over the years leaves them
    episodes = [
        Episode(
            id=f"episode{n:05d}", started=day + timedelta(days=200 * n + 10),
            ended=day + timedelta(days=200 * n + 60), regions=[REGIONS[n % len(REGIONS)]],
            source="manual", note="sore after a long block",
        )
        for n in range(max(1, (NEWEST_DATE - day).days // 400))
        if day + timedelta(days=200 * n + 60) < NEWEST_DATE
    ]
    return Journal(entries=entries, episodes=episodes, shoes=shoes)
