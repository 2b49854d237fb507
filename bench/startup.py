"""Launch to first full frame: footpain against the bare app, warm and cold, old and new data.

Each run starts the program on a fresh pty and a fresh copy of the data folder, reads the
master until the footer ("Quit") has been drawn and the output has then been quiet for
QUIET seconds, and takes the time of the last byte before that silence. Four footpain cases:
- warm cache, existing data folder: a year of entries, the bench run's shared content cache
  (filled by an untimed launch first), as on the second start of the day;
- warm cache, fresh data folder: a new user (the data folder does not exist yet);
- cold cache: the same two, each run with its own empty content cache folder, as after an
  upgrade or an edit of the content: validation and the cache write are in the figure.
Each round launches the five programs in turn (the bare app among them), so a busy moment on
the machine falls on all alike.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from common import Row, bare_argv, footpain_argv, median, pty_env, scratch, spread
from ptyterm import PtyProgram

MARKER = b"Quit"
QUIET = 0.3
WARM_RATIO = 1.15
COLD_RATIO = 1.3


def first_frame(argv_for: Callable[[Path], list[str]], template: Path | None,
                fresh_data: bool = False, cold: bool = False) -> float | None:
    """Seconds from fork to the last byte of the first full frame, for one fresh launch.

    fresh_data: the data folder does not exist yet; cold: an empty content cache folder."""
    with scratch(template) as (data, config):
        if fresh_data:
            data = data / "footpain"
        cache = Path(tempfile.mkdtemp(prefix="fp-bench-cold-")) if cold else None
        try:
            program = PtyProgram(argv_for(data), pty_env(config, cache_dir=cache),
                                 cwd=str(config.parent))
            try:
                burst = program.wait_frame(program.launched, marker=MARKER, quiet=QUIET)
            finally:
                program.kill()  # how it quits is not timed, and its data folder is thrown away
        finally:
            if cache is not None:
                shutil.rmtree(cache, ignore_errors=True)
    return burst.to_last_byte if burst.marker_at is not None else None


CASES = {
    "warm, existing data": {"cold": False, "fresh": False},
    "warm, fresh data folder": {"cold": False, "fresh": True},
    "cold cache, existing data": {"cold": True, "fresh": False},
    "cold cache, fresh data folder": {"cold": True, "fresh": True},
}


def launch_times(template: Path, runs: int, warm: bool) -> dict[str, list[float]]:
    """Rounds of the four footpain cases and the bare app; every list of first-frame times."""
    times: dict[str, list[float]] = {name: [] for name in (*CASES, "bare")}
    # untimed: fills the shared content cache (always), and disk cache and .pyc (full run)
    first_frame(footpain_argv, template)
    if warm:
        first_frame(lambda _data: bare_argv(), None)
    for _ in range(runs):
        for name, case in CASES.items():
            seconds = first_frame(footpain_argv, None if case["fresh"] else template,
                                  fresh_data=case["fresh"], cold=case["cold"])
            if seconds is not None:
                times[name].append(seconds)
        seconds = first_frame(lambda _data: bare_argv(), None)
        if seconds is not None:
            times["bare"].append(seconds)
    return times


def startup_rows(template: Path, runs: int, warm: bool = True) -> list[Row]:
    """The start-up rows of the table, each against the bare app's median."""
    times = launch_times(template, runs, warm)
    bare = times["bare"]
    bare_med = median(bare)
    rows = []
    for name, case in CASES.items():
        ours = times[name]
        ours_med = median(ours)
        limit = COLD_RATIO if case["cold"] else WARM_RATIO
        ratio = ours_med / bare_med if ours_med and bare_med else None
        rows.append(Row(
            figure=f"start-up, {name} (median of {len(ours)}/{len(bare)})",
            ours=ours_med, bare=bare_med, unit="s", budget=f"<= {limit} x bare",
            ok=None if ratio is None else ratio <= limit, note="" if ours else "no frame",
            spread=spread(ours), bare_spread=spread(bare),
        ))
    return rows
