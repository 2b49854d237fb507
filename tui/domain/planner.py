"""The return-to-run plan: from rest to the runner's usual week, one gated step at a time.

The seed's progression: once the pain has gone, wait another 7-10 days (here 7 for soft
tissue, 10 for bone); then walk, then jog/walk; then run 50% of the pre-injury weekly distance
and add at most 10% a week until back to 100%. The log gates every step (the pain-monitoring
model, Silbernagel 2007): pain during at most 3/10 and settled by the next morning → go on;
4-5, or not quite settled → hold; more, or clearly worse next morning → step back. After a
bone injury any pain at all is a step back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from tui.domain.frozen import frozen
from tui.domain.journal import ON_FEET_ACTIVITIES, RUNNING_ACTIVITIES, Entry, Episode, Journal
from tui.domain.stats import pre_injury_weekly_km
from tui.domain.units import format_distance

StepKind = Literal["rest", "wait", "clear", "walk", "jog_walk", "run", "done"]
Outcome = Literal["go", "hold", "back", "pending"]

WAIT_DAYS = {"bone": 10}
DEFAULT_WAIT_DAYS = 7
GOOD_SESSIONS = 3
START_SHARE = 0.5
WEEKLY_RISE = 0.10
LEVEL = {"walk": 1, "jog_walk": 2, "run": 3}
NO_RUNNING = ("rest", "wait", "clear", "walk")
"""Steps on which the plan says no running yet."""
CLEARANCE_KINDS = ("bone", "rupture")
"""Injuries that must not be loaded until a professional has cleared them."""


def needs_clearance(episode: Episode, kind: str | None = None) -> bool:
    """True for a bone injury, a rupture or an urgent triage not yet cleared by a
    professional: no loading drills, and no walking or jog/walk sessions in the plan."""
    serious = (kind or episode.kind) in CLEARANCE_KINDS or episode.disposition == "urgent"
    return serious and episode.cleared_on is None


@frozen()
class PlanStep:
    """One rung of the plan."""

    kind: StepKind
    title: str
    share: float | None = None
    """For running weeks: the share of the pre-injury weekly distance (0.5 … 1.0)."""


@dataclass(frozen=True)
class Gate:
    """What one logged session says about moving on."""

    entry_id: str
    day: date
    outcome: Outcome
    reason: str


@dataclass
class PlanStatus:
    """Where the runner is in the plan today, and why."""

    steps: list[PlanStep]
    current: int
    step_started: date | None
    good_sessions: int = 0
    week_km: float = 0.0
    gates: list[Gate] = field(default_factory=list)
    wait_days: int = DEFAULT_WAIT_DAYS
    pain_free_since: date | None = None
    target: str = ""
    needs_clearance: bool = False
    """A bone injury, a rupture or an urgent result: loading waits for a professional."""
    cleared_on: date | None = None

    @property
    def step(self) -> PlanStep:
        """The step the runner is on."""
        return self.steps[self.current]


def percent(share: float) -> str:
    """A share as a whole percentage, rounded down so the plan never overstates it."""
    return f"{int(share * 100 + 1e-9)}%"


def build_steps(bone: bool = False, clearance: bool = False) -> list[PlanStep]:
    """The plan's rungs: rest, wait, (cleared by a professional,) walk, jog/walk, running
    weeks from 50% to 100%, done."""
    wait = WAIT_DAYS["bone"] if bone else DEFAULT_WAIT_DAYS
    steps = [
        PlanStep("rest", "Rest until pain-free"),
        PlanStep("wait", f"Pain-free wait ({wait} days)"),
        *([PlanStep("clear", "Cleared by a professional")] if clearance else []),
        PlanStep("walk", f"Walking ({GOOD_SESSIONS} good sessions)"),
        PlanStep("jog_walk", f"Jog/walk ({GOOD_SESSIONS} good sessions)"),
    ]
    week = 0
    while True:
        share = min(1.0, START_SHARE * (1 + WEEKLY_RISE) ** week)
        steps.append(PlanStep("run", f"Running week at {percent(share)}", share))
        if share >= 1.0:
            break
        week += 1
    steps.append(PlanStep("done", "Back to your usual week"))
    return steps


def gate(entry: Entry, bone: bool = False) -> Gate:
    """Judge one session by pain during (pain after) and the next morning."""
    during, morning = entry.pain_after, entry.pain_next_morning
    baseline = entry.pain_before or 0

    def result(outcome: Outcome, reason: str) -> Gate:
        return Gate(entry.id, entry.date, outcome, reason)

    if during is None:
        return result("pending", "no pain score after it")
    if bone:
        if during > 0 or (morning or 0) > 0:
            return result("back", "any pain after a bone injury means a step back")
        if morning is None:
            return result("pending", "waiting for the next-morning answer")
        return result("go", "no pain during or the next morning")
    if during > 5:
        return result("back", f"pain {during}/10 during: too much, step back")
    if morning is not None and morning > baseline + 1:
        return result("back", f"worse next morning ({morning}/10): step back")
    if during > 3:
        return result("hold", f"pain {during}/10 during: acceptable, hold this step")
    if morning is None:
        return result("pending", "waiting for the next-morning answer")
    if morning > baseline:
        return result("hold", "not quite settled by the next morning: hold")
    return result("go", f"pain {during}/10, settled by morning: go on")


def plan_status(
    episode: Episode,
    entries: list[Entry],
    today: date,
    *,
    kind: str | None = None,
    pre_injury_km: float | None = None,
    units: str = "km",
) -> PlanStatus:
    """Replay the log since the episode's pain-free day and say where the runner is today."""
    bone = (kind or episode.kind) in CLEARANCE_KINDS
    clearance = bone or episode.disposition == "urgent"
    steps = build_steps(bone, clearance)
    walk = next(n for n, step in enumerate(steps) if step.kind == "walk")
    wait = WAIT_DAYS["bone"] if bone else DEFAULT_WAIT_DAYS
    pain_free = episode.pain_free_since or episode.ended
    status = PlanStatus(steps, 0, episode.started, wait_days=wait, pain_free_since=pain_free,
                        needs_clearance=clearance, cleared_on=episode.cleared_on)
    if pain_free is None or pain_free > today:
        status.target = _target(status, today, pre_injury_km, units)
        return status
    wait_end = pain_free + timedelta(days=wait)
    if today < wait_end:
        status.current, status.step_started = 1, pain_free
        status.target = _target(status, today, pre_injury_km, units)
        return status
    if clearance:
        cleared = episode.cleared_on
        if cleared is None or cleared > today:
            status.current, status.step_started = walk - 1, wait_end
            status.target = _target(status, today, pre_injury_km, units)
            return status
        wait_end = max(wait_end, cleared)
    status.current, status.step_started = walk, wait_end
    sessions = sorted(
        (e for e in entries if e.activity in ON_FEET_ACTIVITIES and wait_end <= e.date <= today),
        key=lambda e: e.date,
    )
    week_clean, week_ran = True, False
    for entry in sessions:
        week_clean, week_ran = _close_weeks(status, entry.date, week_clean, week_ran)
        if status.step.kind == "done":
            break
        verdict = gate(entry, bone)
        status.gates.append(verdict)
        step = status.step
        if verdict.outcome == "back":
            status.current = max(walk, status.current - 1)
            status.step_started, status.good_sessions = entry.date + timedelta(days=1), 0
            week_clean, week_ran = True, False
        elif step.kind == "run":
            week_clean = week_clean and verdict.outcome != "hold"
            week_ran = week_ran or (
                entry.activity in RUNNING_ACTIVITIES and verdict.outcome == "go"
            )
        elif verdict.outcome == "go" and LEVEL[entry.activity] >= LEVEL.get(step.kind, 9):
            status.good_sessions += 1
            if status.good_sessions >= GOOD_SESSIONS:
                status.current += 1
                status.step_started, status.good_sessions = entry.date + timedelta(days=1), 0
                week_clean, week_ran = True, False
    if status.step.kind != "done":
        _close_weeks(status, today + timedelta(days=1), week_clean, week_ran, last_day=today)
    if status.step.kind == "run" and status.step_started is not None:
        status.week_km = sum(
            e.distance_km or 0.0
            for e in sessions
            if e.activity in RUNNING_ACTIVITIES and status.step_started <= e.date <= today
        )
    status.target = _target(status, today, pre_injury_km, units)
    return status


def _close_weeks(
    status: PlanStatus, day: date, clean: bool, ran: bool, last_day: date | None = None
) -> tuple[bool, bool]:
    """Finish every running week that ended before `day`: advance if clean, else repeat it."""
    while status.step.kind == "run" and status.step_started is not None:
        week_end = status.step_started + timedelta(days=7)
        if day < week_end or (last_day is not None and last_day < week_end):
            break
        if clean and ran:
            status.current += 1
        status.step_started = week_end
        clean, ran = True, False
    return clean, ran


def _target(status: PlanStatus, today: date, pre_km: float | None, units: str) -> str:
    """Today's target in words."""
    step = status.step
    if step.kind == "rest" and status.needs_clearance:
        return (
            "No running yet. Follow the advice of whoever examined you (a boot, crutches, no "
            "cycling or swimming until they say so). Mark the episode pain-free on the first "
            "day with no pain at all."
        )
    if step.kind == "rest":
        return (
            "No running yet. Let the pain settle; cycling or swimming are fine if they do not "
            "hurt. Mark the episode pain-free on the first day with no pain at all."
        )
    if step.kind == "wait":
        assert status.pain_free_since is not None
        day = (today - status.pain_free_since).days + 1
        start = status.pain_free_since + timedelta(days=status.wait_days)
        return (
            f"Pain-free day {day} of {status.wait_days}: no running, everyday walking is fine. "
            f"Walking sessions start on {start}."
        )
    if step.kind == "clear":
        return (
            "No walking sessions or running yet: after this kind of injury a professional "
            "should check it has healed and clear you to load it. Once they have, press y "
            "in this view (cleared by a professional)."
        )
    if step.kind == "walk":
        return (
            "A brisk 20-30 minute walk, then log pain after it and the next morning. "
            f"Good sessions: {status.good_sessions} of {GOOD_SESSIONS}."
        )
    if step.kind == "jog_walk":
        return (
            "Jog 1 minute, walk 2 minutes, 8 times over (about 25 minutes). "
            f"Good sessions: {status.good_sessions} of {GOOD_SESSIONS}."
        )
    if step.kind == "run" and step.share is not None:
        share = f"{percent(step.share)} of your usual week"
        started = status.step_started or today
        ends = started + timedelta(days=6)
        if pre_km is None:
            return (
                f"Week {started} to {ends}: run {share} in 3-4 easy runs. Set your pre-injury "
                "weekly distance to see it in numbers."
            )
        goal = pre_km * step.share
        left = max(0.0, goal - status.week_km)
        return (
            f"Week {started} to {ends}: {format_distance(goal, units)} ({share}) in 3-4 easy "
            f"runs. Done {format_distance(status.week_km, units)}, "
            f"{format_distance(left, units)} to go."
        )
    return "You are back to your usual week. Keep any rise to 10% a week or less."


def journal_plan(
    journal: Journal, today: date, *, units: str = "km", kind: str | None = None
) -> tuple[Episode, PlanStatus, float | None] | None:
    """The plan for the latest episode: (episode, status, pre-injury weekly km), or None."""
    episode = journal.latest_episode()
    if episode is None:
        return None
    pre_km = episode.pre_injury_weekly_km or pre_injury_weekly_km(journal, episode.started)
    entries = [e for e in journal.entries if e.date >= episode.started]
    status = plan_status(episode, entries, today, kind=kind, pre_injury_km=pre_km, units=units)
    return episode, status, pre_km


def _and(names: list[str]) -> str:
    """'A', 'A and b', 'A, b and c' (names after the first in lower case)."""
    words = [names[0], *(n[:1].lower() + n[1:] for n in names[1:])]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def loading_warning(
    journal: Journal, condition_kinds: dict[str, str], loading_drills: list[str]
) -> str | None:
    """A caution before drills that load the foot hard, while an open episode is a bone
    injury, a rupture or an urgent result that no professional has cleared yet."""
    episode = journal.open_episode()
    if episode is None or not loading_drills:
        return None
    kind = episode.kind or condition_kinds.get(episode.condition or "")
    if not needs_clearance(episode, kind):
        return None
    what = {"bone": "a bone injury", "rupture": "a torn tendon"}.get(
        kind or "", "an injury that needed to be seen the same day"
    )
    return (
        f"Your open injury episode (since {episode.started}) looks like {what}. "
        f"{_and(loading_drills)} load the foot hard: do them only once a professional has "
        "cleared you (then press y in the Log's plan view)."
    )


def no_running_reason(
    journal: Journal, day: date, *, kind: str | None = None
) -> str | None:
    """Why the plan says no running on `day`, or None when running is part of the plan then
    (or there is no episode)."""
    episode = journal.latest_episode()
    if episode is None or day < episode.started:
        return None
    entries = [e for e in journal.entries if episode.started <= e.date < day]
    status = plan_status(episode, entries, day, kind=kind)
    if status.step.kind not in NO_RUNNING:
        return None
    return f"your return-to-run plan says no running yet ({status.step.title.lower()})"


def week_target_km(status: PlanStatus, pre_km: float | None) -> float | None:
    """This running week's distance in km, when the plan is on a running week."""
    share = status.step.share
    return None if share is None or pre_km is None else pre_km * share
