"""The ice cycle: next due, quiet hours, reminders firing once, counts, acute window."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from tui.domain.countdown import Countdown
from tui.domain.ice import (
    IceState,
    acute_window_end,
    daily_target,
    in_quiet_hours,
    next_due,
    reminder_due,
    sessions_on,
)
from tui.domain.journal import Entry, Episode, Journal
from tui.domain.settings import Settings


def at(hour: int, minute: int = 0, day: int = 14) -> datetime:
    """A UTC time on March `day` 2026."""
    return datetime(2026, 3, day, hour, minute, tzinfo=UTC)


def test_next_due_is_a_gap_after_the_last_end() -> None:
    """Default gap 2.5 h: a session ending 09:15 makes the next due at 11:45."""
    assert next_due(at(9, 15), Settings(), UTC) == at(11, 45)
    assert next_due(at(9, 15), Settings(ice_gap_hours=3), UTC) == at(12, 15)
    assert next_due(None, Settings(), UTC) is None


def test_quiet_hours_push_the_next_session_to_the_morning() -> None:
    """Ending 20:30 → 23:00 falls in 22:00-07:00, so it is due at 07:00 the next day."""
    assert next_due(at(20, 30), Settings(), UTC) == at(7, 0, day=15)
    assert next_due(at(2, 0), Settings(), UTC) == at(7, 0)  # 04:30 → same morning


def test_quiet_hours_use_local_time() -> None:
    """In UTC+2 a session ending 19:00 UTC (21:00 local) is due at 07:00 local = 05:00 UTC."""
    tz = timezone(timedelta(hours=2))
    assert next_due(at(19, 0), Settings(), tz) == at(5, 0, day=15)


def test_in_quiet_hours_wraps_midnight_and_allows_same_day_ranges() -> None:
    """22:00-07:00 wraps; 13:00-14:00 does not; equal start and end means never quiet."""
    assert in_quiet_hours(at(23, 0), "22:00", "07:00")
    assert in_quiet_hours(at(6, 59), "22:00", "07:00")
    assert not in_quiet_hours(at(7, 0), "22:00", "07:00")
    assert in_quiet_hours(at(13, 30), "13:00", "14:00")
    assert not in_quiet_hours(at(23, 0), "13:00", "14:00")
    assert not in_quiet_hours(at(23, 0), "07:00", "07:00")


def test_a_due_reminder_fires_once() -> None:
    """Due at 11:45: nothing before, one reminder at/after, none once it is claimed."""
    state = IceState(last_ice_end=at(9, 15))
    assert reminder_due(state, Settings(), at(11, 44), UTC) is None
    assert reminder_due(state, Settings(), at(11, 45), UTC) == at(11, 45)
    claimed = state.model_copy(update={"reminded_for": at(11, 45)})
    assert reminder_due(claimed, Settings(), at(11, 46), UTC) is None
    assert reminder_due(claimed, Settings(), at(15, 0), UTC) is None


def test_no_reminder_in_quiet_hours_running_or_lapsed() -> None:
    """Quiet hours, a timer on the clock, or a day without ice: no reminder."""
    settings = Settings(quiet_start="11:00", quiet_end="12:00")
    state = IceState(last_ice_end=at(8, 0))  # due 10:30
    assert reminder_due(state, settings, at(11, 30), UTC) is None
    assert reminder_due(state, settings, at(12, 0), UTC) == at(10, 30)
    running = state.model_copy(update={"timer": Countdown.start("ice", 900, at(11, 0))})
    assert reminder_due(running, Settings(), at(11, 5), UTC) is None
    assert reminder_due(state, Settings(), at(8, 0, day=15), UTC) is None


def test_daily_target_fits_the_waking_day() -> None:
    """07:00-22:00 with 15 min + 2.5 h gaps fits 6 sessions; 20 min + 3 h fits 5."""
    assert daily_target(Settings()) == 6
    assert daily_target(Settings(ice_minutes=20, ice_gap_hours=3)) == 5
    assert daily_target(Settings(quiet_start="09:00", quiet_end="08:00")) == 1


def test_sessions_today_counts_ice_entries_only() -> None:
    """Two ice entries today, one yesterday, a run today: 2."""
    journal = Journal(entries=[
        Entry(date=date(2026, 3, 14), activity="ice"),
        Entry(date=date(2026, 3, 14), activity="ice", completed=False),
        Entry(date=date(2026, 3, 13), activity="ice"),
        Entry(date=date(2026, 3, 14), activity="run"),
    ])
    assert sessions_on(journal, date(2026, 3, 14)) == 2


def test_acute_window_runs_72_hours_from_the_episode_day() -> None:
    """An episode that started on the 13th is acute until 00:00 on the 16th."""
    journal = Journal(episodes=[Episode(started=date(2026, 3, 13))])
    assert acute_window_end(journal, 72, UTC) == at(0, 0, day=16)
    assert acute_window_end(Journal(), 72, UTC) is None


def test_ice_on_for_under_five_minutes_is_not_a_session() -> None:
    """Issue 15: ice stopped after 18 seconds is logged, but is not one of today's sessions,
    leaves the next one due where it was, and does not tick PRICER's "Ice"; five minutes is."""
    from tui.domain.ice import close_timer, counts_as_session, uncounted_note

    before = IceState(last_ice_end=at(6, 0))
    brief = before.model_copy(update={"timer": Countdown.start("ice", 900, at(9, 0))})
    settled = close_timer(brief, at(9, 0) + timedelta(seconds=18), completed=False, tz=UTC)
    assert settled.entry is not None and settled.entry.duration_min == 0.3
    assert settled.state.last_ice_end == at(6, 0)  # next due still 08:30, not 11:30
    assert settled.state.pricer_ticked(date(2026, 3, 14)) == set()
    assert sessions_on(Journal(entries=[settled.entry]), date(2026, 3, 14)) == 0
    assert "not counted" in uncounted_note(0.3)

    five = close_timer(brief, at(9, 5), completed=False, tz=UTC)
    assert five.state.last_ice_end == at(9, 5)
    assert five.state.pricer_ticked(date(2026, 3, 14)) == {"ice"}
    assert sessions_on(Journal(entries=[five.entry]), date(2026, 3, 14)) == 1
    assert counts_as_session(None) and uncounted_note(15.0) == ""


def test_a_finished_session_ticks_ice_and_keeps_other_ticks() -> None:
    """A session that reaches zero ticks PRICER's "Ice" beside today's other ticks, and
    starts today's list afresh when the ticks were yesterday's."""
    from tui.domain.ice import close_timer

    timer = Countdown.start("ice", 900, at(9, 0))
    today = IceState(timer=timer, pricer_day=date(2026, 3, 14), pricer_done=["rest"])
    done = close_timer(today, at(9, 15), completed=True, tz=UTC).state
    assert done.pricer_ticked(date(2026, 3, 14)) == {"rest", "ice"}
    old = IceState(timer=timer, pricer_day=date(2026, 3, 13), pricer_done=["rest"])
    assert close_timer(old, at(9, 15), completed=True, tz=UTC).state.pricer_done == ["ice"]


def test_lengths_are_said_in_minutes_and_seconds() -> None:
    """No "0.3 min": 18 seconds, 1 minute, 4 minutes 30 seconds."""
    from tui.domain.countdown import spoken_length

    assert spoken_length(18) == "18 seconds"
    assert spoken_length(60) == "1 minute"
    assert spoken_length(270) == "4 minutes 30 seconds"
    assert spoken_length(0) == "0 seconds"
