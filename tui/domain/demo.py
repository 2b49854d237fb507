"""A deterministic demo journal: six weeks of a runner with plantar fasciitis getting back.

Used by snapshot tests, README screenshots and benchmarks, so it must never depend on the
real clock or on randomness. Everything is placed relative to `today`.
"""

from __future__ import annotations

from datetime import date, timedelta

from tui.domain.journal import Entry, Episode, Journal, Shoe

ONSET_DAYS_AGO = 30
PAIN_FREE_DAYS_AGO = 17


def demo_journal(today: date) -> Journal:
    """Six weeks ending today: training, an injury, rest, ice, drills and the way back."""
    entries: list[Entry] = []

    def add(days_ago: int, activity: str, **fields: object) -> None:
        entries.append(
            Entry(
                id=f"demo{len(entries):04d}",
                date=today - timedelta(days=days_ago),
                activity=activity,  # type: ignore[arg-type]
                **fields,  # type: ignore[arg-type]
            )
        )

    shoes = [
        Shoe(id="shoe-road", name="Road trainers", start_km=430.0),
        Shoe(id="shoe-trail", name="Trail shoes", start_km=120.0),
        Shoe(id="shoe-old", name="Old racers", start_km=810.0, retired=True),
    ]
    # Four weeks of ordinary training (about 36 km a week), then a big week and the injury.
    for week, long_km in enumerate((12.0, 13.0, 12.0)):
        base = 51 - week * 7
        add(base, "run", distance_km=8.0, duration_min=45, pain_before=0, pain_after=0,
            pain_next_morning=0, shoe="shoe-road")
        add(base - 2, "run", distance_km=10.0, duration_min=55, pain_before=0, pain_after=1,
            pain_next_morning=0, shoe="shoe-road")
        add(base - 4, "run", distance_km=6.0, duration_min=33, pain_before=0, pain_after=0,
            pain_next_morning=0, shoe="shoe-trail")
        add(base - 5, "run", distance_km=long_km, duration_min=70, pain_before=0,
            pain_after=1, pain_next_morning=1, shoe="shoe-road")
    add(33, "run", distance_km=9.0, duration_min=44, pain_before=1, pain_after=3,
        pain_next_morning=2, shoe="shoe-road", changes=["speed_jump"],
        note="Intervals: 6 x 800 m. Heel a bit sore after.")
    add(ONSET_DAYS_AGO, "run", distance_km=18.0, duration_min=105, pain_before=2,
        pain_after=6, pain_next_morning=7, shoe="shoe-road", regions=["heel_bottom"],
        changes=["mileage_jump"], note="Long run. Stabbing heel pain from 14 km; walked home.")
    episode = Episode(
        id="demo-episode",
        started=today - timedelta(days=ONSET_DAYS_AGO),
        ended=today - timedelta(days=PAIN_FREE_DAYS_AGO),
        pain_free_since=today - timedelta(days=PAIN_FREE_DAYS_AGO),
        regions=["heel_bottom"],
        condition="plantar_fasciitis",
        disposition="self_care",
        kind="soft_tissue",
        causes=["mileage_jump", "speed_jump"],
        source="triage",
        pre_injury_weekly_km=36.0,
        note="First steps in the morning are the worst.",
    )
    # Rest, ice and drills while the pain settles (scores fall from 6 to 0).
    settling = [6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 1, 0]
    for offset, pain in enumerate(settling):
        days_ago = ONSET_DAYS_AGO - 1 - offset
        if offset < 5:
            add(days_ago, "ice", duration_min=15, completed=True, episode=episode.id)
        if days_ago != 20:
            add(days_ago, "drills", duration_min=12, completed=True, routine="morning",
                pain_before=pain, pain_after=max(0, pain - 1), episode=episode.id)
        if offset in (6, 10):
            add(days_ago, "bike", distance_km=15.0, duration_min=40, pain_before=pain,
                pain_after=pain, episode=episode.id)
    # The way back: the 7-day wait, three walks, three jog/walks, then the first running week.
    for days_ago in range(PAIN_FREE_DAYS_AGO - 1, -1, -1):
        if days_ago not in (12, 2):
            add(days_ago, "drills", duration_min=12, completed=True, routine="morning",
                episode=episode.id)
    for days_ago in (10, 9, 8):
        add(days_ago, "walk", distance_km=2.5, duration_min=28, pain_before=0, pain_after=1,
            pain_next_morning=0, episode=episode.id)
    for days_ago in (7, 6, 5):
        add(days_ago, "jog_walk", distance_km=3.5, duration_min=25, pain_before=0,
            pain_after=1, pain_next_morning=0, shoe="shoe-road", episode=episode.id)
    add(3, "run", distance_km=5.0, duration_min=29, pain_before=0, pain_after=1,
        pain_next_morning=0, shoe="shoe-road", episode=episode.id, note="Easy. [felt fine]")
    add(1, "run", distance_km=6.0, duration_min=35, pain_before=0, pain_after=2,
        shoe="shoe-road", episode=episode.id, note="Slight heel twinge at the end.")
    return Journal(entries=entries, episodes=[episode], shoes=shoes)


def big_journal(today: date, days: int = 3650) -> Journal:
    """One entry a day for `days` days ending today: the ten-year benchmark journal."""
    activities = ("run", "drills", "walk", "run", "bike", "run", "rest")
    entries = []
    for n in range(days):
        day = today - timedelta(days=days - 1 - n)
        activity = activities[n % len(activities)]
        running = activity in ("run", "walk", "bike")
        entries.append(
            Entry(
                id=f"big{n:05d}",
                date=day,
                activity=activity,  # type: ignore[arg-type]
                distance_km=float(5 + n % 7) if running else None,
                duration_min=float(30 + n % 20),
                pain_before=n % 3,
                pain_after=(n + 1) % 4,
                pain_next_morning=n % 2 if day < today else None,
                shoe="shoe-road" if activity == "run" else None,
                note=f"Day {n}: steady." if n % 5 == 0 else "",
            )
        )
    shoes = [Shoe(id="shoe-road", name="Road trainers", start_km=0.0)]
    return Journal(entries=entries, shoes=shoes)
