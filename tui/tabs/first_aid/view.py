"""What the First aid tab says: the timer's lines and the guide text, from state and content.

Plain functions (rich Text, no widgets), so the wording is testable and the pane stays small.
"""

from __future__ import annotations

import math
from datetime import datetime, tzinfo

from rich.text import Text

from tui.domain.content import Content, FirstAidStep
from tui.domain.countdown import Countdown, clock_face
from tui.domain.frozen import frozen
from tui.domain.ice import IceState, Settled, cycle_active, daily_target, next_due
from tui.domain.settings import Settings

RED_FLAG_LINE = "! Fast swelling, purple skin, pain jumping, can't walk: get seen today (t)"
"""Always on screen: the seed's urgent signs, and the key that opens Triage."""


def hhmm(when: datetime, tz: tzinfo) -> str:
    """A UTC time as local HH:MM (the offset in force at that instant, so 00:55 + 10 min
    reads 02:05 on the night British Summer Time begins)."""
    return when.astimezone(tz).strftime("%H:%M")


def clock_changed_message(timer: Countdown, tz: tzinfo) -> tuple[str, str]:
    """(timer headline, toast) for a timer closed because the wall clock went back: its
    length cannot be known, so it was not logged (see `tui.domain.ice.close_timer`)."""
    if timer.kind == "roll":
        return ("! Clock changed: foot roll stopped · r starts another",
                "The computer's clock changed while the foot roll ran, so it was stopped.")
    started = hhmm(timer.started_at, tz)
    return ("! Clock changed: ice session closed, not logged · i starts a new one",
            f"The computer's clock changed while the ice session from {started} ran, so "
            "footpain cannot tell how long the ice was on. It was closed and not logged; "
            "add it in the Log if you iced.")


@frozen()
class TimerView:
    """Everything the countdown panel shows."""

    face: str
    state: str
    headline: str
    progress: float
    title: str | None
    """Terminal title while a timer is on the clock; None when idle."""
    line: str | None = None
    """The compact line the other tabs show ("ice 12:41"); None when idle."""


def title_minutes(left: float) -> str:
    """Time left for the terminal title, in whole minutes ("13 min", "<1 min"): the title
    is rewritten over SSH each time it changes, so it changes once a minute, not a second."""
    return "<1 min" if left <= 60 else f"{math.ceil(left / 60)} min"


def timer_view(
    state: IceState, settings: Settings, event: str, now: datetime, tz: tzinfo
) -> TimerView:
    """Digits, state class, headline, progress and terminal title for this moment."""
    timer = state.timer
    if timer is None:
        face = clock_face(settings.ice_minutes * 60)
        ready = f"Ice timer ready: {settings.ice_minutes} min · i starts it · r foot roll"
        return TimerView(face, "-done" if event else "-idle", event or ready, 0.0, None)
    what = "Ice" if timer.kind == "ice" else "Foot roll"
    if timer.clock_changed(now):  # closed at the next tick; never "70:01 left"
        return TimerView("--:--", "-last-minute", f"! Clock changed · {what} timer closing",
                         0.0, None)
    left = timer.remaining(now)
    face = clock_face(left)
    line = f"{'ice' if timer.kind == 'ice' else 'roll'} {face}{' paused' if timer.paused else ''}"
    until = hhmm(timer.deadline, tz)
    minutes = title_minutes(left)  # the title changes once a minute, not every second
    if timer.paused:
        css, headline = "-paused", f"‖ {what} paused · Space resumes"
        title = f"‖ {what.lower()} {minutes} paused · footpain"
    elif left <= 60:
        css, headline = "-last-minute", f"! LAST MINUTE · {what} until {until}"
        title = f"! {what.lower()} {minutes} · footpain"
    else:
        css, headline = "-running", f"▶ {what} on · until {until} · +/- a minute"
        title = f"{what.lower()} {minutes} · footpain"
    return TimerView(face, css, headline, timer.progress(now), title, line)


def schedule_line(
    state: IceState, settings: Settings, done_today: int, now: datetime, tz: tzinfo
) -> str:
    """"Today 2 of 6 · next ice due 14:30" (or overdue, or no cycle yet)."""
    target = max(daily_target(settings), done_today)
    count = f"Today {done_today} of {target} ice sessions"
    timer = state.timer
    if timer is not None:
        if timer.kind == "roll":
            return "Roll a frozen bottle or ball slowly under the arch, gently."
        return count
    if not cycle_active(state.last_ice_end, now):
        return f"{count} · every {settings.ice_gap_hours:g} h in the day"
    due = next_due(state.last_ice_end, settings, tz)
    assert due is not None  # an active cycle has a last end
    if now >= due:
        return f"{count} · ! overdue since {hhmm(due, tz)}"
    return f"{count} · next due {hhmm(due, tz)}"


def acute_line(window_end: datetime | None, hours: int, now: datetime, tz: tzinfo) -> str:
    """Where the user is in the first 72 hours."""
    if window_end is None:
        return "No injury episode open: Triage or the Log can start one."
    if now < window_end:
        return f"First {hours} h until {window_end.astimezone(tz):%a %H:%M}: rest, ice, no heat"
    return f"Past the first {hours} h: rehab comes first now."


def restart_message(settled: Settled, tz: tzinfo) -> tuple[str, str] | None:
    """(timer headline, toast) for an ice session closed while the app was not running, or
    any timer closed because the clock went back."""
    timer = settled.timer
    if timer is not None and settled.outcome == "clock_changed":
        return clock_changed_message(timer, tz)
    if timer is None or timer.kind != "ice" or settled.outcome is None:
        return None
    started, ended = hhmm(timer.started_at, tz), hhmm(timer.deadline, tz)
    if settled.outcome == "ended":
        return (f"✓ Ice done at {ended} (app was closed) · r: foot roll",
                f"The ice session ended at {ended} while footpain was closed; logged.")
    if settled.outcome == "ended_long_ago":
        return "", f"The ice session from {started} ended at {ended}; it is in the log."
    return "", (f"The ice session from {started} was paused over an hour ago, so it was "
                "closed, not resumed, and logged as stopped early.")


def ordered_steps(steps: list[FirstAidStep], acute: bool) -> list[FirstAidStep]:
    """PRICER in order while acute; afterwards Rehab moves to the top."""
    if acute:
        return list(steps)
    return [s for s in steps if s.id == "rehab"] + [s for s in steps if s.id != "rehab"]


def pricer_heading(ticked: int, total: int) -> Text:
    """"PRICER today: 2 of 6 done · Enter ticks"."""
    text = Text("PRICER today: ", style="bold")
    text.append(f"{ticked} of {total} done" + (" ✓" if ticked == total else ""))
    text.append(" · Enter ticks the highlighted step", style="dim")
    return text


def guide_text(content: Content) -> Text:
    """Below the checklist: what to avoid, the urgent red flags, ice and painkiller notes."""
    aid = content.first_aid
    text = Text("PRICER step by step\n", style="bold")
    for step in aid.steps:
        text.append(f"  {step.letter} {step.name}: ", style="bold")
        text.append(f"{step.detail}\n")
    text.append("\nAvoid for the first 72 hours\n", style="bold")
    for item in aid.avoid:
        text.append(f"  × {item.name}: ", style="bold")
        text.append(f"{item.why}\n")
    text.append("\nGet seen today if the answer is yes", style="bold")
    text.append(" (t opens the red-flag check in Triage)\n", style="dim")
    for flag in content.red_flags:
        if flag.disposition == "urgent":
            text.append(f"  ! {flag.question}\n")
    text.append("\nIce safely\n", style="bold")
    text.append(f"  {aid.ice.note}\n  {aid.ice.rationale}\n")
    text.append("\nPainkillers\n", style="bold")
    text.append(f"  {aid.nsaid}\n")
    text.append("\nSources: " + "; ".join(aid.sources), style="dim")
    return text
