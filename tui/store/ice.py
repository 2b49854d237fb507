"""Reading and changing the ice state, shared by the First aid tab and `footpain ice`/`status`.

Every change reads the state in a write transaction and applies to what is stored, so the
TUI, a second TUI and the CLI agree. An ice session is logged in the same transaction that
takes its timer off the clock, with the timer's id as the entry id: each session reaches the
journal exactly once, and never without the timer leaving the clock.

A stored state that cannot be read (a naive date-time, wrong types) is set aside and reported
through the database's `warn` (`tui.store.state`), and the change applies to a fresh state.
A timer the wall clock went back on is closed unlogged ("clock_changed", see
`tui.domain.ice.close_timer`) by `settle_ice`, `start_timer` and `stop_timer` alike.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo

from tui.domain.countdown import Countdown, TimerKind
from tui.domain.ice import IceState, Settled, close_timer, settle
from tui.store import Store
from tui.store import journal as repo
from tui.store.state import ICE, read_state, update_state


class TimerBusyError(Exception):
    """A timer is already on the clock."""

    def __init__(self, timer: Countdown) -> None:
        """Remember which timer is in the way."""
        super().__init__(f"a {timer.kind} timer is already running")
        self.timer = timer


def load_ice(store: Store, warn: Callable[[str], None]) -> IceState:
    """The ice state, starting afresh (and saying so) if what is stored cannot be read."""
    return read_state(store.db, ICE, IceState, warn)


def _update(store: Store, change: Callable[[IceState], IceState]) -> IceState:
    return update_state(store.db, ICE, IceState, change)


def _log(store: Store, settled: Settled) -> None:
    """Write the session's entry, inside the transaction that changes the timer."""
    if settled.entry is not None:
        repo.replace_entry(store.db, settled.entry)


def settle_ice(store: Store, now: datetime, tz: tzinfo) -> Settled:
    """Apply the restart rules to what is on disk, logging a closed session once."""
    result: list[Settled] = []

    def change(state: IceState) -> IceState:
        settled = settle(state, now, tz)
        _log(store, settled)
        result.append(settled)
        return settled.state

    current = read_state(store.db, ICE, IceState, store.db.warn)
    if settle(current, now, tz).outcome is None:  # nothing to close: no write
        return Settled(current)
    state = _update(store, change)
    return Settled(state, result[0].outcome, result[0].timer, result[0].entry)


def start_timer(
    store: Store, kind: TimerKind, seconds: int, now: datetime, tz: tzinfo
) -> tuple[IceState, Settled]:
    """Put a new timer on the clock (after settling an old one); TimerBusyError if one runs."""
    result: list[Settled] = []

    def change(state: IceState) -> IceState:
        settled = settle(state, now, tz)
        _log(store, settled)
        result.append(settled)
        if settled.state.timer is not None:
            raise TimerBusyError(settled.state.timer)
        return settled.state.model_copy(update={"timer": Countdown.start(kind, seconds, now)})

    state = _update(store, change)
    return state, result[0]


def stop_timer(
    store: Store, now: datetime, tz: tzinfo, *, timer_id: str | None = None,
    completed: bool | None = None,
) -> tuple[IceState, Settled]:
    """Take the timer off the clock and log it (if it is still the one `timer_id` names).

    `completed` defaults to whether it reached zero; `Settled.timer` is None when there was
    nothing (or another process got there first). A timer the clock went back on is closed
    with outcome "clock_changed" and no entry.
    """
    result: list[Settled] = []

    def change(state: IceState) -> IceState:
        timer = state.timer
        if timer is None or (timer_id is not None and timer.id != timer_id):
            result.append(Settled(state))
            return state
        done = timer.finished(now) if completed is None else completed
        settled = close_timer(state, now, done, tz)
        _log(store, settled)
        result.append(settled)
        return settled.state

    state = _update(store, change)
    return state, result[0]


def change_timer(
    store: Store, timer_id: str, change_fn: Callable[[Countdown], Countdown]
) -> IceState:
    """Pause, resume or adjust the timer on disk, if it is still the one `timer_id` names."""

    def change(state: IceState) -> IceState:
        if state.timer is None or state.timer.id != timer_id:
            return state
        return state.model_copy(update={"timer": change_fn(state.timer)})

    return _update(store, change)


def set_pricer_step(store: Store, today: date, step_id: str, done: bool) -> IceState:
    """Tick or untick one PRICER step for today (ticks from another day are dropped)."""

    def change(state: IceState) -> IceState:
        ticked = state.pricer_ticked(today)
        ticked = ticked | {step_id} if done else ticked - {step_id}
        return state.model_copy(update={"pricer_day": today, "pricer_done": sorted(ticked)})

    return _update(store, change)


def claim_reminder(store: Store, due: datetime) -> bool:
    """Record that the reminder for `due` fired; False if some process already fired it."""
    claimed: list[bool] = []

    def change(state: IceState) -> IceState:
        claimed.append(state.reminded_for != due)
        return state.model_copy(update={"reminded_for": due})

    _update(store, change)
    return claimed[0]
