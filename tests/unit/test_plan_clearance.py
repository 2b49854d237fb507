"""After a bone injury, a rupture or an urgent result: the plan waits for a professional's
clearance, loading drills are cautioned, and a run logged too early is flagged."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tui.domain.journal import Entry, Episode, Journal
from tui.domain.planner import loading_warning, no_running_reason, plan_status

TODAY = date(2026, 3, 14)


def day(n: int) -> date:
    """n days before TODAY."""
    return TODAY - timedelta(days=n)


def walk(n: int) -> Entry:
    """A pain-free walk n days ago, settled next morning."""
    return Entry(date=day(n), activity="walk", pain_before=0, pain_after=0, pain_next_morning=0)


@pytest.mark.parametrize(
    ("kind", "disposition"),
    [("bone", "see_pro"), ("rupture", "urgent"), ("soft_tissue", "urgent")],
)
def test_plan_waits_for_clearance_before_walking(kind: str, disposition: str) -> None:
    """Past the pain-free wait, the plan stays on 'Cleared by a professional' and ignores
    walks until the clearance day is recorded; from then on the walks count."""
    episode = Episode(started=day(40), kind=kind, disposition=disposition,
                      pain_free_since=day(25), ended=day(25))
    walks = [walk(5), walk(4), walk(3)]
    status = plan_status(episode, walks, TODAY)
    assert status.step.kind == "clear"
    assert "professional" in status.target
    cleared = episode.model_copy(update={"cleared_on": day(6)})
    status = plan_status(cleared, walks, TODAY)
    assert status.step.kind == "jog_walk"  # three good walks after the clearance


def test_soft_tissue_plan_needs_no_clearance() -> None:
    """An ordinary soft-tissue episode goes from the wait straight to walking."""
    episode = Episode(started=day(40), kind="soft_tissue", disposition="self_care",
                      pain_free_since=day(25), ended=day(25))
    assert "clear" not in [s.kind for s in plan_status(episode, [], TODAY).steps]
    assert plan_status(episode, [], TODAY).step.kind == "walk"


def test_a_run_is_flagged_while_the_plan_says_no_running() -> None:
    """During rest, the wait or before clearance: a reason; once jogging is part of the
    plan: none."""
    bone = Journal(episodes=[Episode(started=day(10), kind="bone")])
    assert "no running yet" in (no_running_reason(bone, TODAY) or "")
    assert no_running_reason(Journal(), TODAY) is None
    done = Journal(episodes=[Episode(started=day(200), kind="soft_tissue",
                                     pain_free_since=day(190), ended=day(190))],
                   entries=[walk(180), walk(179), walk(178)])
    assert no_running_reason(done, TODAY) is None  # three good walks: jog/walk allows jogging


def test_loading_drills_are_cautioned_only_when_it_matters() -> None:
    """A caution names the loading drills for an open, uncleared bone episode; none once
    cleared, none for soft tissue, none without loading drills."""
    kinds = {"stress_fracture": "bone", "plantar_fasciitis": "soft_tissue"}
    bone = Journal(episodes=[Episode(started=day(3), condition="stress_fracture")])
    warning = loading_warning(bone, kinds, ["Calf raises"])
    assert warning is not None and "Calf raises" in warning and "bone injury" in warning
    assert loading_warning(bone, kinds, []) is None
    cleared = Journal(episodes=[Episode(started=day(3), condition="stress_fracture",
                                        cleared_on=day(1))])
    assert loading_warning(cleared, kinds, ["Calf raises"]) is None
    soft = Journal(episodes=[Episode(started=day(3), condition="plantar_fasciitis")])
    assert loading_warning(soft, kinds, ["Calf raises"]) is None
    urgent = Journal(episodes=[Episode(started=day(3), condition="plantar_fasciitis",
                                       disposition="urgent")])
    assert loading_warning(urgent, kinds, ["Calf raises"]) is not None
