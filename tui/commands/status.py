"""`footpain status`: one line for a shell prompt or login banner; `--format tmux` gives
a few words for tmux's status-right.

Ice (running with time left, paused, next due, overdue), drills done today or not, and
days since the open episode began. It only reads, and asks the database for just what it
shows (today's drills, the open episode), so a long journal costs it nothing. Two
exceptions: an ice state that cannot be read is set aside and reported on stderr (once),
and a timer the wall clock went back on shows as "clock changed" (the next `footpain ice`
command or the app closes it, unlogged).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, tzinfo

from tui import paths
from tui.domain.clock import Clock
from tui.domain.countdown import clock_face
from tui.domain.ice import IceState, cycle_active, effective_last_end, next_due
from tui.domain.journal import Journal
from tui.domain.settings import Settings
from tui.domain.stats import drills_done
from tui.store import CorruptFileError, Store, StoreError
from tui.store import journal as repo
from tui.store.state import ICE, read_state


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the `status` subcommand."""
    parser = subparsers.add_parser(
        "status", parents=[common], help="one line: ice timer, drills today, days since onset"
    )
    parser.add_argument(
        "--format", choices=("line", "tmux"), default="line",
        help="tmux: just the timer or next ice, short, for tmux's status-right "
             "(coloured with tmux's #[fg=...] only while a timer runs)",
    )
    parser.set_defaults(func=run)


def ice_part(state: IceState, settings: Settings, now: datetime, tz: tzinfo) -> str:
    """The ice part of the line."""
    timer = state.timer
    if timer is not None and timer.clock_changed(now):
        what = "ice" if timer.kind == "ice" else "foot roll"
        return f"{what} timer: clock changed, not logged"
    if timer is not None and not timer.finished(now):
        what = "ice" if timer.kind == "ice" else "foot roll"
        left = clock_face(timer.remaining(now))
        return f"{what} paused, {left} left" if timer.paused else f"{what} running, {left} left"
    last_end = effective_last_end(state, now)
    if not cycle_active(last_end, now):
        return "ice: no session in the last 24 h"
    due = next_due(last_end, settings, tz)
    assert due is not None  # an active cycle has a last end
    shown = due.astimezone(tz).strftime("%H:%M")
    return f"ice overdue since {shown}" if now >= due else f"next ice due {shown}"


TMUX_COLOURS = {"running": "green", "last minute": "red", "paused": "yellow"}
"""tmux colour names (the 8 every terminal has) for a timer on the clock."""


def tmux_part(state: IceState, settings: Settings, now: datetime, tz: tzinfo) -> str:
    """A few words for tmux's status-right: "ice 12:41" (coloured), "next ice 14:30",
    "ice overdue", or nothing when no ice cycle is going."""
    timer = state.timer
    if timer is not None and not timer.clock_changed(now) and not timer.finished(now):
        what = "ice" if timer.kind == "ice" else "roll"
        left = timer.remaining(now)
        mood = "paused" if timer.paused else "last minute" if left <= 60 else "running"
        paused = " paused" if timer.paused else ""
        return f"#[fg={TMUX_COLOURS[mood]}]{what} {clock_face(left)}{paused}#[default]"
    last_end = effective_last_end(state, now)
    if not cycle_active(last_end, now):
        return ""
    due = next_due(last_end, settings, tz)
    assert due is not None  # an active cycle has a last end
    return "ice overdue" if now >= due else f"next ice {due.astimezone(tz):%H:%M}"


def drills_part(journal: Journal, today: date) -> str:
    """Whether a drills session (not one stopped early) was logged today."""
    done = drills_done(journal.entries, today, today).sessions > 0  # one definition (issue 15)
    return "drills done today" if done else "drills not done today"


def onset_part(journal: Journal, today: date) -> str:
    """Days since the open episode began."""
    episode = journal.open_episode()
    if episode is None:
        return "no open injury episode"
    days = (today - episode.started).days
    return f"{days} day{'s' if days != 1 else ''} since onset"


def _settings(store: Store) -> Settings:
    try:
        return store.settings.read()
    except CorruptFileError:
        return Settings()  # the app reports and repairs it; a prompt line should not


def tmux_line(store: Store, clock: Clock) -> str:
    """The short tmux form: the ice part only (`tmux_part`)."""
    state = read_state(store.db, ICE, IceState, store.db.warn)
    return tmux_part(state, _settings(store), clock.now(), clock.local_tz())


def status_line(store: Store, clock: Clock) -> str:
    """The whole line, joined with " | "."""
    now, tz, today = clock.now(), clock.local_tz(), clock.today()
    settings = _settings(store)
    episode = repo.open_episode(store.db)
    today_drills = repo.entries(store.db, since=today, until=today, activity="drills")
    journal = Journal(entries=today_drills, episodes=[episode] if episode else [])
    state = read_state(store.db, ICE, IceState, store.db.warn)
    parts = [ice_part(state, settings, now, tz), drills_part(journal, today)]
    parts.append(onset_part(journal, today))
    return " | ".join(parts)


def run(args: argparse.Namespace, clock: Clock | None = None) -> int:
    """Print the status line."""
    store = Store(paths.data_dir(args.data_dir))
    try:
        form = tmux_line if getattr(args, "format", "line") == "tmux" else status_line
        print(form(store, clock or Clock()))
    except StoreError as error:
        print(f"footpain status: {error}", file=sys.stderr)
        return 1
    return 0
