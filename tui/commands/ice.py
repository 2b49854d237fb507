"""`footpain ice start [--minutes N]` and `footpain ice stop`: the ice timer without the TUI.

They share ice.toml (and its lock) with the First aid tab, so a timer started here shows in
an open app, and a session stopped here is logged once, exactly as the app would log it.

If the wall clock went back while a timer ran, the timer is closed and not logged (its
length is unknown; see `tui.domain.ice.close_timer`), and the command says so.
"""

from __future__ import annotations

import argparse
import sys
from datetime import tzinfo

from tui import paths
from tui.domain.clock import Clock
from tui.domain.countdown import Countdown, clock_face, spoken_length
from tui.domain.ice import Settled, uncounted_note
from tui.domain.settings import Settings
from tui.store import Store, StoreError
from tui.store.content_cache import load_app_content
from tui.store.ice import TimerBusyError, start_timer, stop_timer


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add `ice start` and `ice stop`."""
    parser = subparsers.add_parser(
        "ice", parents=[common], help="start or stop the ice timer (shared with the app)"
    )
    actions = parser.add_subparsers(dest="ice_action", metavar="ACTION", required=True)
    start = actions.add_parser("start", parents=[common], help="start an ice session")
    start.add_argument(
        "--minutes", metavar="N", default=None,
        help="length in minutes (default: your setting, 15 unless changed; 5-20)",
    )
    actions.add_parser("stop", parents=[common], help="stop the ice session and log it")
    parser.set_defaults(func=run)


def _minutes(raw: str | None, settings: Settings) -> int | None:
    """The session length, or None (with a message on stderr) if it is not allowed."""
    if raw is None:
        return settings.ice_minutes
    limits = load_app_content().first_aid.ice
    try:
        minutes = int(raw)
    except ValueError:
        minutes = None
    if minutes is None or not limits.min_minutes <= minutes <= limits.max_minutes:
        print(
            f"footpain ice: --minutes must be a whole number from {limits.min_minutes} "
            f"to {limits.max_minutes} (got {raw!r})",
            file=sys.stderr,
        )
        return None
    return minutes


def clock_changed_note(timer: Countdown, tz: tzinfo) -> str:
    """What to say about a timer closed because the clock went back."""
    if timer.kind == "roll":
        return "The clock changed while the foot roll ran; it was stopped."
    started = timer.started_at.astimezone(tz).strftime("%H:%M")
    return (f"The computer's clock changed while the ice session from {started} ran, so "
            "footpain cannot tell how long the ice was on: it was closed and not logged. "
            "Add it with `footpain log add --activity ice` if you iced.")


def _tell_closed(settled: Settled, tz: tzinfo) -> None:
    """Mention, on stderr, a timer that starting a new one closed because the clock changed."""
    if settled.outcome == "clock_changed" and settled.timer is not None:
        print(f"footpain ice: {clock_changed_note(settled.timer, tz)}", file=sys.stderr)


def run(args: argparse.Namespace, clock: Clock | None = None) -> int:
    """Start or stop the timer; print one line saying what happened."""
    clock = clock or Clock()
    store = Store(paths.data_dir(args.data_dir))
    now, tz = clock.now(), clock.local_tz()
    try:
        settings = store.settings.read()
        if args.ice_action == "start":
            minutes = _minutes(args.minutes, settings)
            if minutes is None:
                return 2
            state, closed = start_timer(store, "ice", minutes * 60, now, tz)
            _tell_closed(closed, tz)
            until = state.timer.deadline.astimezone(tz).strftime("%H:%M")
            print(f"Ice on: {minutes} minutes, until {until}. Wrap it in a thin towel.")
            return 0
        _, settled = stop_timer(store, now, tz)
    except TimerBusyError as busy:
        left = clock_face(busy.timer.remaining(now))
        what = "An ice session" if busy.timer.kind == "ice" else "A foot roll"
        print(f"footpain ice: {what} is already running ({left} left).", file=sys.stderr)
        return 1
    except StoreError as error:
        print(f"footpain ice: {error}", file=sys.stderr)
        return 1
    if settled.timer is None:
        print("footpain ice: no ice session is running.", file=sys.stderr)
        return 1
    entry = settled.entry
    if settled.outcome == "clock_changed":
        print(clock_changed_note(settled.timer, tz))
    elif entry is None:
        print("Foot roll stopped.")
    else:
        length = spoken_length((entry.duration_min or 0) * 60)
        done = (f"Ice session finished ({length}); logged." if entry.completed else
                f"Ice session stopped early after {length}; logged.")
        print(done + uncounted_note(entry.duration_min))
    return 0
