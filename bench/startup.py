"""Launch to first full frame: footpain with a year of log entries against the bare app.

Each run starts the program on a fresh pty and a fresh copy of the data folder, reads the
master until the footer ("Quit") has been drawn and the output has then been quiet for
QUIET seconds, and takes the time of the last byte before that silence. footpain and the
bare app alternate, so a busy moment on the machine hits both alike.
"""

from __future__ import annotations

from pathlib import Path

from common import Row, bare_argv, footpain_argv, median, pty_env, scratch
from ptyterm import PtyProgram

MARKER = b"Quit"
QUIET = 0.3
BUDGET_RATIO = 1.3


def first_frame(argv_for, template: Path | None) -> float | None:
    """Seconds from fork to the last byte of the first full frame, for one fresh launch."""
    with scratch(template) as (data, config):
        program = PtyProgram(argv_for(data), pty_env(config), cwd=str(data.parent))
        try:
            burst = program.wait_frame(program.launched, marker=MARKER, quiet=QUIET)
        finally:
            program.kill()  # how it quits is not timed, and its data folder is thrown away
    return burst.to_last_byte if burst.marker_at is not None else None


def launch_times(template: Path, runs: int, warm: bool) -> tuple[list[float], list[float]]:
    """Alternate footpain and bare launches; return both lists of first-frame times."""
    ours: list[float] = []
    bare: list[float] = []
    if warm:  # one untimed launch each: disk cache and .pyc files as on a second start
        first_frame(footpain_argv, template)
        first_frame(lambda _data: bare_argv(), None)
    for _ in range(runs):
        for argv_for, template_for, into in (
            (footpain_argv, template, ours),
            (lambda _data: bare_argv(), None, bare),
        ):
            seconds = first_frame(argv_for, template_for)
            if seconds is not None:
                into.append(seconds)
    return ours, bare


def startup_rows(template: Path, runs: int, warm: bool = True) -> list[Row]:
    """The start-up row of the table."""
    ours, bare = launch_times(template, runs, warm)
    ours_med, bare_med = median(ours), median(bare)
    ratio = ours_med / bare_med if ours_med and bare_med else None
    return [Row(
        figure=f"start-up: launch -> first frame (median of {len(ours)}/{len(bare)})",
        ours=ours_med, bare=bare_med, unit="s", budget=f"<= {BUDGET_RATIO} x bare",
        ok=None if ratio is None else ratio <= BUDGET_RATIO,
        note="" if ours else "no frame",
    )]
