"""ice.toml across restarts: true time left, ended-while-closed logged once, stale, paused."""

from __future__ import annotations

from datetime import UTC, date, timedelta

import pytest

from tests.datafiles import read_ice, read_journal, write_ice
from tui.domain.countdown import Countdown
from tui.domain.ice import IceState
from tui.store import Store
from tui.store.ice import (
    TimerBusyError,
    change_timer,
    claim_reminder,
    set_pricer_step,
    settle_ice,
    start_timer,
    stop_timer,
)


def ice_entries(store: Store) -> list:
    """Ice entries in the journal on disk."""
    return [e for e in read_journal(store.root).entries if e.activity == "ice"]


def test_restart_mid_session_shows_true_time_left(data_dir, clock) -> None:
    """Quit 4 minutes in, come back 6 minutes later: 5 minutes left, nothing logged."""
    store = Store(data_dir)
    start_timer(store, "ice", 900, clock.now(), UTC)
    clock.advance(600)
    settled = settle_ice(Store(data_dir), clock.now(), UTC)
    assert settled.outcome is None
    assert settled.state.timer.remaining(clock.now()) == 300
    assert ice_entries(store) == []


def test_ended_while_closed_is_shown_at_its_time_and_logged_once(data_dir, clock) -> None:
    """A session that hit zero while closed is logged as completed at its deadline, once."""
    store = Store(data_dir)
    state, _ = start_timer(store, "ice", 900, clock.now(), UTC)
    clock.advance(20 * 60)
    first = settle_ice(store, clock.now(), UTC)
    assert first.outcome == "ended"
    assert first.timer.deadline == state.timer.deadline
    second = settle_ice(store, clock.now(), UTC)
    assert second.outcome is None
    (entry,) = ice_entries(store)
    assert entry.completed is True
    assert entry.ended_at == clock.now() - timedelta(minutes=5)
    assert entry.duration_min == 15.0 and entry.date == date(2026, 3, 14)
    assert read_ice(store.root).last_ice_end == entry.ended_at


def test_ended_long_ago_is_logged_but_not_announced(data_dir, clock) -> None:
    """Three hours later the session is logged quietly as ended at its deadline."""
    store = Store(data_dir)
    start_timer(store, "ice", 900, clock.now(), UTC)
    clock.advance(3 * 3600)
    settled = settle_ice(store, clock.now(), UTC)
    assert settled.outcome == "ended_long_ago"
    assert len(ice_entries(store)) == 1


def test_paused_stays_paused_and_stale_is_not_resumed(data_dir, clock) -> None:
    """Paused 30 min ago: still paused; paused over an hour ago: closed as stopped early."""
    store = Store(data_dir)
    state, _ = start_timer(store, "ice", 900, clock.now(), UTC)
    clock.advance(120)
    change_timer(store, state.timer.id, lambda t: t.pause(clock.now()))
    clock.advance(30 * 60)
    kept = settle_ice(store, clock.now(), UTC)
    assert kept.outcome is None and kept.state.timer.paused
    assert kept.state.timer.remaining(clock.now()) == 780
    clock.advance(31 * 60)
    stale = settle_ice(store, clock.now(), UTC)
    assert stale.outcome == "closed_stale"
    assert stale.state.timer is None
    (entry,) = ice_entries(store)
    assert entry.completed is False and entry.duration_min == 2.0


def test_stop_early_logs_once_even_from_two_processes(data_dir, clock) -> None:
    """Two copies stop the same timer: one entry, marked stopped early."""
    store, other = Store(data_dir), Store(data_dir)
    state, _ = start_timer(store, "ice", 900, clock.now(), UTC)
    clock.advance(300)
    _, first = stop_timer(store, clock.now(), UTC, timer_id=state.timer.id)
    _, second = stop_timer(other, clock.now(), UTC, timer_id=state.timer.id)
    assert first.timer is not None and second.timer is None
    (entry,) = ice_entries(store)
    assert entry.completed is False and entry.duration_min == 5.0


def test_a_foot_roll_is_not_logged_and_one_timer_at_a_time(data_dir, clock) -> None:
    """The roll is a timer but not an ice session; a second start is refused."""
    store = Store(data_dir)
    start_timer(store, "roll", 90, clock.now(), UTC)
    with pytest.raises(TimerBusyError):
        start_timer(store, "ice", 900, clock.now(), UTC)
    clock.advance(90)
    _, settled = stop_timer(store, clock.now(), UTC)
    assert settled.timer.kind == "roll" and settled.entry is None
    assert ice_entries(store) == []
    assert read_ice(store.root).last_ice_end is None


def test_pricer_ticks_belong_to_one_day(data_dir, clock) -> None:
    """Ticks made yesterday are not ticked today."""
    store = Store(data_dir)
    state = set_pricer_step(store, date(2026, 3, 13), "rest", True)
    assert state.pricer_ticked(date(2026, 3, 14)) == set()
    state = set_pricer_step(store, date(2026, 3, 14), "ice", True)
    state = set_pricer_step(store, date(2026, 3, 14), "rest", True)
    state = set_pricer_step(store, date(2026, 3, 14), "ice", False)
    assert state.pricer_ticked(date(2026, 3, 14)) == {"rest"}


def test_a_reminder_is_claimed_once(data_dir, clock) -> None:
    """The first process to claim a due time fires it; the next does not."""
    store = Store(data_dir)
    assert claim_reminder(store, clock.now())
    assert not claim_reminder(Store(data_dir), clock.now())


def test_countdown_round_trips_through_toml(data_dir, clock) -> None:
    """A paused timer survives the TOML file with aware datetimes."""
    store = Store(data_dir)
    timer = Countdown.start("ice", 900, clock.now()).pause(clock.now())
    write_ice(store.root, IceState(timer=timer))
    assert read_ice(store.root).timer == timer
