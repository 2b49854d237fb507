"""The return-to-run plan: steps, gates and where the runner is, with fixed dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tui.domain.demo import demo_journal
from tui.domain.journal import Entry, Episode, Journal
from tui.domain.planner import build_steps, gate, journal_plan, plan_status

TODAY = date(2026, 3, 14)


def day(n: int) -> date:
    """n days before TODAY."""
    return TODAY - timedelta(days=n)


def session(n: int, activity: str, after: int, morning: int | None, km: float = 5.0) -> Entry:
    """A session n days ago with pain after and next morning."""
    return Entry(
        date=day(n), activity=activity, distance_km=km, pain_before=0, pain_after=after,
        pain_next_morning=morning,
    )  # fmt: skip


def test_steps_rise_from_half_to_full_by_at_most_ten_percent() -> None:
    """Running weeks start at 50%, never rise more than 10% a week, and end at 100%."""
    shares = [s.share for s in build_steps() if s.kind == "run"]
    assert shares[0] == 0.5 and shares[-1] == 1.0
    for before, after in zip(shares, shares[1:], strict=False):
        assert after <= before * 1.1 + 1e-9
    assert [s.kind for s in build_steps()][:4] == ["rest", "wait", "walk", "jog_walk"]


@pytest.mark.parametrize(
    ("after", "morning", "bone", "outcome"),
    [
        (2, 0, False, "go"),
        (3, 0, False, "go"),
        (4, 0, False, "hold"),
        (5, 0, False, "hold"),
        (6, 0, False, "back"),
        (2, 1, False, "hold"),
        (2, 3, False, "back"),
        (2, None, False, "pending"),
        (0, 0, True, "go"),
        (1, 0, True, "back"),
        (0, 1, True, "back"),
    ],
)
def test_gate(after: int, morning: int | None, bone: bool, outcome: str) -> None:
    """Pain during ≤3 and settled → go; 4-5 → hold; more → back; bone: any pain → back."""
    assert gate(session(1, "run", after, morning), bone).outcome == outcome


def test_rest_until_pain_free() -> None:
    """An episode without a pain-free day is at the rest step."""
    status = plan_status(Episode(started=day(5)), [], TODAY)
    assert status.step.kind == "rest"
    assert "No running" in status.target


def test_wait_counts_days_and_bone_waits_longer() -> None:
    """Pain-free 3 days ago: day 4 of a 7-day wait (10 for bone)."""
    episode = Episode(started=day(20), pain_free_since=day(3))
    status = plan_status(episode, [], TODAY)
    assert status.step.kind == "wait" and "day 4 of 7" in status.target
    bone = plan_status(episode.model_copy(update={"kind": "bone"}), [], TODAY)
    assert "day 4 of 10" in bone.target


def test_three_good_walks_move_on_to_jog_walk() -> None:
    """After the wait, three good walks move the runner to jog/walk."""
    episode = Episode(started=day(30), pain_free_since=day(20))
    walks = [session(n, "walk", 1, 0) for n in (8, 7, 6)]
    status = plan_status(episode, walks, TODAY)
    assert status.step.kind == "jog_walk"
    two = plan_status(episode, walks[:2], TODAY)
    assert two.step.kind == "walk" and two.good_sessions == 2


def test_a_painful_session_steps_back() -> None:
    """Pain 7/10 on a jog/walk sends the runner back to walking."""
    episode = Episode(started=day(30), pain_free_since=day(20))
    log = [session(n, "walk", 1, 0) for n in (9, 8, 7)] + [session(5, "jog_walk", 7, 5)]
    status = plan_status(episode, log, TODAY)
    assert status.step.kind == "walk"
    assert status.gates[-1].outcome == "back"


def test_running_week_advances_only_when_clean() -> None:
    """A clean running week moves to 55%; a week with pain 4/10 repeats the same step."""
    episode = Episode(started=day(40), pain_free_since=day(30))
    ramp = [session(n, "walk", 0, 0) for n in (23, 22, 21)]
    ramp += [session(n, "jog_walk", 0, 0) for n in (20, 19, 18)]
    clean = ramp + [session(n, "run", 1, 0) for n in (15, 13, 11)]
    status = plan_status(episode, clean, TODAY, pre_injury_km=40)
    assert status.step.share == pytest.approx(0.55)
    sore = ramp + [session(15, "run", 4, 0), session(13, "run", 1, 0)]
    held = plan_status(episode, sore, TODAY, pre_injury_km=40)
    assert held.step.share == 0.5


def test_demo_journal_is_in_its_first_running_week() -> None:
    """The demo log sits in the 50% week with 11 of 18 km done."""
    journal = demo_journal(TODAY)
    found = journal_plan(journal, TODAY)
    assert found is not None
    _episode, status, pre_km = found
    assert pre_km == 36.0
    assert status.step.share == 0.5
    assert status.week_km == pytest.approx(11.0)
    assert "18.0 km" in status.target and "7.0 km to go" in status.target


def test_no_episode_no_plan() -> None:
    """Without an episode there is nothing to plan."""
    assert journal_plan(Journal(), TODAY) is None
