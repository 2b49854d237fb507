"""Warnings and statistics from the journal, with fixed dates."""

from __future__ import annotations

from datetime import date, timedelta

from tui.domain import stats
from tui.domain.journal import Entry, Episode, Journal, Shoe, pain_word
from tui.domain.warnings import (
    all_warnings,
    long_runs,
    not_eased,
    shoe_wear,
    stacked_changes,
    week_jump,
)

TODAY = date(2026, 3, 14)  # a Saturday


def run(n: int, km: float, **fields: object) -> Entry:
    """A run n days before TODAY."""
    return Entry(date=TODAY - timedelta(days=n), activity="run", distance_km=km, **fields)


def test_pain_words() -> None:
    """0 none, 1-3 mild, 4-6 moderate, 7-10 severe."""
    assert [pain_word(n) for n in (0, 1, 3, 4, 6, 7, 10)] == [
        "none", "mild", "mild", "moderate", "moderate", "severe", "severe",
    ]  # fmt: skip


def test_week_jump_over_ten_percent() -> None:
    """20 km last week and 23 this week warns; 22 does not."""
    last_week = [run(7, 10), run(9, 10)]
    assert week_jump(Journal(entries=last_week + [run(1, 12), run(2, 11)]), TODAY) is not None
    assert week_jump(Journal(entries=last_week + [run(1, 11), run(2, 11)]), TODAY) is None


def test_week_within_plan_target_is_not_a_jump() -> None:
    """A week inside the return-to-run plan's target is not flagged."""
    journal = Journal(entries=[run(7, 5), run(1, 9)])
    assert week_jump(journal, TODAY) is not None
    assert week_jump(journal, TODAY, plan_km=9.0) is None


def test_long_run_compares_with_the_last_30_days() -> None:
    """A 12 km run after a longest of 10 km warns; 11 km does not; older runs don't count."""
    assert long_runs(Journal(entries=[run(10, 10), run(1, 12)]), TODAY)
    assert not long_runs(Journal(entries=[run(10, 10), run(1, 11)]), TODAY)
    assert not long_runs(Journal(entries=[run(40, 10), run(1, 20)]), TODAY)


def test_two_changes_in_one_week() -> None:
    """New shoes and speed work in the same week is two changes."""
    one = Journal(entries=[run(1, 5, changes=["new_shoes"])])
    assert stacked_changes(one, TODAY) is None
    two = Journal(entries=[run(1, 5, changes=["new_shoes"]), run(2, 5, changes=["speed_jump"])])
    warning = stacked_changes(two, TODAY, {"new_shoes": "New shoes"})
    assert warning is not None and "New shoes" in warning.message


def test_shoe_thresholds() -> None:
    """479 km says nothing, 480 warns, 800 says retire; retired shoes are quiet."""
    for start, kind in ((470.0, None), (475.0, "shoe_worn"), (795.0, "shoe_retire")):
        journal = Journal(shoes=[Shoe(id="s", name="X", start_km=start)], entries=[
            run(1, 5, shoe="s"),
        ])  # fmt: skip
        found = shoe_wear(journal, TODAY)
        assert [w.kind for w in found] == ([kind] if kind else [])
    retired = Journal(shoes=[Shoe(name="Y", start_km=900, retired=True)])
    assert shoe_wear(retired, TODAY) == []


def test_not_eased_after_seven_days() -> None:
    """Pain still 5 on day 8 warns; pain down from 6 to 2 does not; day 6 is too early."""
    episode = Episode(id="ep", started=TODAY - timedelta(days=8))

    def log(first: int, last: int) -> Journal:
        return Journal(episodes=[episode.model_copy()], entries=[
            Entry(date=episode.started, activity="rest", pain_after=first),
            Entry(date=TODAY, activity="rest", pain_before=last),
        ])  # fmt: skip

    assert not_eased(log(6, 5), TODAY) is not None
    assert not_eased(log(6, 2), TODAY) is None
    assert not_eased(log(6, 5), TODAY - timedelta(days=2)) is None
    closed = log(6, 5)
    closed.episodes[0].pain_free_since = TODAY
    assert not_eased(closed, TODAY) is None
    assert all_warnings(log(6, 5), TODAY)[0].kind == "not_eased"


def test_weekly_distance_and_pain_series() -> None:
    """Runs and jog/walks sum per Monday week; pain keeps the day's highest score."""
    entries = [
        run(0, 5, pain_after=2),
        run(0, 3, pain_after=4),
        Entry(date=TODAY, activity="walk", distance_km=9),
        run(6, 10),
    ]
    weeks = stats.weekly_distance(entries, TODAY, weeks=2)
    assert weeks == [(date(2026, 3, 2), 10.0), (date(2026, 3, 9), 8.0)]
    series = stats.pain_series(entries, TODAY - timedelta(days=1), TODAY)
    assert series[0].after is None and series[1].after == 4


def test_drills_streak_and_adherence() -> None:
    """Drills today, yesterday and three days ago: streak 2; 3 of 28 days."""
    entries = [
        Entry(date=TODAY - timedelta(days=n), activity="drills", completed=True) for n in (0, 1, 3)
    ] + [Entry(date=TODAY - timedelta(days=2), activity="drills", completed=False)]
    assert stats.drills_streak(entries, TODAY) == 2
    assert stats.drills_streak(entries[1:], TODAY) == 1
    assert abs(stats.drills_adherence(entries, TODAY) - 3 / 28) < 1e-9
