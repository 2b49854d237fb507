"""The ice cycle: stored timer state, restart rules, next session due, quiet hours, counts.

Pure functions on an `IceState` (stored in ice.toml) and the user's settings; the caller
passes `now` (aware UTC) and the user's time zone. Persistence lives in `tui.store.ice`.

Time arithmetic is done on UTC instants and converted to the user's zone per instant
(`astimezone`), so a gap or a window that spans a daylight-saving change is as many real
hours as it says. Every date-time in the state must carry its offset: a naive one makes the
state unreadable (set aside by `tui.store.state`), never a crash in a subtraction.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from tui.domain.countdown import Countdown
from tui.domain.frozen import frozen
from tui.domain.journal import Entry, Journal
from tui.domain.record import AwareDatetime, Record, field
from tui.domain.settings import Settings

STALE_AFTER = timedelta(hours=1)
"""A timer that stopped counting longer ago than this is closed, not resumed."""
CYCLE_LAPSES_AFTER = timedelta(hours=24)
"""With no ice session for this long, the cycle is over: no more reminders or "overdue"."""
MIN_SESSION_MINUTES = 5
"""Ice on for less than this is logged but is not a session: it does not count towards
today's sessions, does not move the next one due, and does not tick PRICER's "Ice". (Five
minutes is also the shortest session the settings allow; NHS advice is up to 20 minutes.)"""
ICE_STEP = "ice"
"""The PRICER step an ice session ticks."""


class IceState(Record):
    """Everything in ice.toml: the running timer, the cycle and today's PRICER ticks."""


    schema_version: int = 1
    timer: Countdown | None = None
    """The ice session or foot roll on the clock (at most one at a time)."""
    last_ice_end: AwareDatetime | None = None
    """When the most recent ice session ended: the next is due a gap after it."""
    reminded_for: AwareDatetime | None = None
    """The due time whose reminder has already fired, so it fires once."""
    pricer_day: date | None = None
    pricer_done: list[str] = field(default_factory=list)
    """PRICER step ids ticked on `pricer_day`."""

    def pricer_ticked(self, today: date) -> set[str]:
        """The PRICER steps ticked today (yesterday's ticks do not count)."""
        return set(self.pricer_done) if self.pricer_day == today else set()


# --- quiet hours and the schedule ------------------------------------------------------


def parse_hhmm(text: str) -> time:
    """"22:00" → time(22, 0)."""
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def in_quiet_hours(local: datetime, start: str, end: str) -> bool:
    """Whether a local time falls inside quiet hours (which may wrap past midnight)."""
    begin, finish, now = parse_hhmm(start), parse_hhmm(end), local.time().replace(tzinfo=None)
    if begin == finish:
        return False
    if begin < finish:
        return begin <= now < finish
    return now >= begin or now < finish


def quiet_end_after(local: datetime, end: str) -> datetime:
    """The first moment at or after `local` when the clock reads `end`."""
    finish = parse_hhmm(end)
    candidate = local.replace(hour=finish.hour, minute=finish.minute, second=0, microsecond=0)
    return candidate if candidate >= local else candidate + timedelta(days=1)


def next_due(last_end: datetime | None, settings: Settings, tz: tzinfo) -> datetime | None:
    """When the next ice session is due: a gap after the last one, moved out of quiet hours."""
    if last_end is None:
        return None
    due = (last_end + timedelta(hours=settings.ice_gap_hours)).astimezone(tz)
    if in_quiet_hours(due, settings.quiet_start, settings.quiet_end):
        due = quiet_end_after(due, settings.quiet_end)
    return due.astimezone(UTC)


def counts_as_session(minutes: float | None) -> bool:
    """Whether ice on for `minutes` is a session (None: logged by hand with no length)."""
    return minutes is None or minutes >= MIN_SESSION_MINUTES


def uncounted_note(minutes: float | None) -> str:
    """What to add when ice was on too briefly to be a session ("" when it counts)."""
    if counts_as_session(minutes):
        return ""
    return f" Under {MIN_SESSION_MINUTES} minutes, so not counted as a session."


def effective_last_end(state: IceState, now: datetime) -> datetime | None:
    """The last ice end, counting a session that reached zero but is not settled yet."""
    timer = state.timer
    if (timer is not None and timer.kind == "ice" and timer.finished(now)
            and counts_as_session(timer.total_seconds / 60)):
        return max(filter(None, (state.last_ice_end, timer.deadline)))
    return state.last_ice_end


def cycle_active(last_end: datetime | None, now: datetime) -> bool:
    """Whether the ice cycle is still going (a session in the last 24 hours)."""
    return last_end is not None and now - last_end < CYCLE_LAPSES_AFTER


def reminder_due(state: IceState, settings: Settings, now: datetime, tz: tzinfo) -> datetime | None:
    """The due time to remind about now, or None (timer on, quiet hours, already fired)."""
    if state.timer is not None or not cycle_active(state.last_ice_end, now):
        return None
    due = next_due(state.last_ice_end, settings, tz)
    if due is None or now < due or state.reminded_for == due:
        return None
    if in_quiet_hours(now.astimezone(tz), settings.quiet_start, settings.quiet_end):
        return None
    return due


def daily_target(settings: Settings) -> int:
    """How many sessions fit in the waking day (outside quiet hours) at this length and gap."""
    start, end = parse_hhmm(settings.quiet_end), parse_hhmm(settings.quiet_start)
    awake = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    awake = awake % (24 * 60) or 24 * 60
    cycle = settings.ice_minutes + settings.ice_gap_hours * 60
    return max(1, int((awake + settings.ice_gap_hours * 60) // cycle))


def sessions_on(journal: Journal, day: date) -> int:
    """Ice sessions logged on a day (ice on for under `MIN_SESSION_MINUTES` is not one)."""
    return sum(1 for e in journal.entries
               if e.activity == "ice" and e.date == day and counts_as_session(e.duration_min))


def acute_window_end(journal: Journal, hours: int, tz: tzinfo) -> datetime | None:
    """End of the acute window: `hours` real hours from local midnight starting the open
    episode's first day (added in UTC, so a daylight-saving change does not stretch it)."""
    episode = journal.open_episode()
    if episode is None:
        return None
    start = datetime.combine(episode.started, time(0, 0), tzinfo=tz).astimezone(UTC)
    return start + timedelta(hours=hours)


# --- restarts ------------------------------------------------------------------------

Outcome = Literal["ended", "ended_long_ago", "closed_stale", "clock_changed"]


@frozen()
class Settled:
    """What happened to a timer found on disk: the new state and the entry to log, if any."""

    state: IceState
    outcome: Outcome | None = None
    timer: Countdown | None = None
    entry: Entry | None = None


def session_entry(timer: Countdown, ended_at: datetime, completed: bool, tz: tzinfo) -> Entry:
    """The journal entry for one ice session; its id is the timer's, so logging twice is one.

    Its end is never before its start (`ended_at` is clamped to the start)."""
    ended_at = max(ended_at, timer.started_at)
    minutes = max(0.0, (timer.total_seconds - timer.remaining(ended_at)) / 60)
    return Entry(
        id=timer.id, date=timer.started_at.astimezone(tz).date(), activity="ice",
        started_at=timer.started_at, ended_at=ended_at, duration_min=round(minutes, 1),
        completed=completed,
    )


def close_timer(state: IceState, now: datetime, completed: bool, tz: tzinfo) -> Settled:
    """Take the timer off the clock; an ice session gives an entry and, if it was on for
    `MIN_SESSION_MINUTES` or more, restarts the cycle and ticks PRICER's "Ice" for its day.

    If the clock went back while it ran (`Countdown.clock_changed`), nobody can tell how
    long the ice was on: the timer is closed with outcome "clock_changed" and *no* entry
    (rather than a made-up length, or an end before its start); the user is told and can
    log it by hand. The cycle restarts from now, as if the ice came off when they are told,
    so no reminder fires at once.
    """
    timer = state.timer
    if timer is None:
        return Settled(state)
    update: dict[str, object] = {"timer": None}
    if timer.clock_changed(now):
        if timer.kind == "ice":
            update["last_ice_end"] = now  # an end stored by the wrong clock may be ahead
        return Settled(state.model_copy(update=update), "clock_changed", timer)
    ended = timer.ended_at(now)
    entry = None
    if timer.kind == "ice":
        entry = session_entry(timer, ended, completed, tz)
        if counts_as_session(entry.duration_min):
            update["last_ice_end"] = max(filter(None, (state.last_ice_end, ended)))
            day = ended.astimezone(tz).date()
            update["pricer_day"] = day
            update["pricer_done"] = sorted(state.pricer_ticked(day) | {ICE_STEP})
    return Settled(state.model_copy(update=update), timer=timer, entry=entry)


def settle(state: IceState, now: datetime, tz: tzinfo) -> Settled:
    """Apply the restart rules to a stored timer.

    Running with time left: kept (it shows its true time left). Reached zero: closed as
    completed at its deadline ("ended", or "ended_long_ago" past an hour, not announced).
    Paused: stays paused, unless paused more than an hour ago ("closed_stale", not resumed).
    Its start or pause in the future, or more time left than its length: the clock went
    back, and it is closed unlogged ("clock_changed", see `close_timer`).
    """
    timer = state.timer
    if timer is None:
        return Settled(state)
    if timer.clock_changed(now):
        return close_timer(state, now, completed=False, tz=tz)
    if timer.paused_at is not None:
        if now - timer.paused_at <= STALE_AFTER:
            return Settled(state)
        closed = close_timer(state, now, completed=False, tz=tz)
        return Settled(closed.state, "closed_stale", timer, closed.entry)
    if not timer.finished(now):
        return Settled(state)
    closed = close_timer(state, now, completed=True, tz=tz)
    outcome: Outcome = "ended" if now - timer.deadline <= STALE_AFTER else "ended_long_ago"
    return Settled(closed.state, outcome, timer, closed.entry)
