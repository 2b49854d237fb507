"""Ticking, idle and tab-switch figures, each taken in a live pty session.

A session launches the program with SSH defaults (SSH_CONNECTION set, so animations are off),
waits for the first frame and lets it settle, then:
- idle: counts bytes and CPU time over a window with nothing running;
- tab switches: types "2" and "1" in turn; each key's latency is the time from the write to
  the last byte of the frame it caused (output then quiet for KEY_QUIET s), and its cost is
  the bytes of that frame;
- ticking: starts a timer by its keys, waits for the lead-in to pass, and counts bytes and
  CPU time over a window. If the keys produce no ticking output the feature is not there yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from common import bare_argv, footpain_argv, median, pty_env, scratch
from ptyterm import PtyProgram

SETTLE = 1.0
KEY_QUIET = 0.25
TIMER_SETTLE = 2.0


@dataclass
class Window:
    """Bytes, CPU and memory over one measuring window."""

    seconds: float
    nbytes: int
    cpu_seconds: float
    rss_mib: float

    @property
    def bytes_per_s(self) -> float:
        """Bytes written to the terminal per second."""
        return self.nbytes / self.seconds

    @property
    def cpu_percent(self) -> float:
        """Share of one core, in percent."""
        return 100 * self.cpu_seconds / self.seconds


@dataclass
class SessionFigures:
    """Everything one session measured."""

    idle: Window | None = None
    ticking: Window | None = None
    switch_latency: list[float] = field(default_factory=list)
    switch_first_byte: list[float] = field(default_factory=list)
    switch_bytes: list[int] = field(default_factory=list)

    def median_latency(self) -> float | None:
        """Median key-to-frame-complete time."""
        return median(self.switch_latency)

    def median_bytes(self) -> float | None:
        """Median bytes written for one tab switch."""
        return median([float(n) for n in self.switch_bytes])


def measure_window(program: PtyProgram, seconds: float) -> Window:
    """Read for `seconds`, counting bytes, and take the CPU time used meanwhile."""
    cpu_before = program.cpu_seconds()
    nbytes = program.count_bytes(seconds)
    cpu_after = program.cpu_seconds()
    return Window(seconds, nbytes, cpu_after - cpu_before, program.rss_mib())


def press(program: PtyProgram, keys: bytes, quiet: float = KEY_QUIET):
    """Type keys and wait for the frame they cause to finish."""
    return program.wait_frame(program.send(keys), quiet=quiet, limit=10.0, keep_text=False,
                              silent_limit=2.0)


def switch_tabs(program: PtyProgram, figures: SessionFigures, switches: int) -> None:
    """Alternate keys 2 and 1, recording each switch's latency and bytes; ends on tab 1."""
    for n in range(switches):
        burst = press(program, b"2" if n % 2 == 0 else b"1")
        if burst.last_byte is None:
            continue
        figures.switch_latency.append(burst.to_last_byte)
        figures.switch_first_byte.append(burst.first_byte - burst.start)
        figures.switch_bytes.append(burst.nbytes)
    if switches % 2:
        press(program, b"1")


def run_session(
    argv: list[str], config, start_keys: list[bytes] | None, idle_s: float, tick_s: float,
    switches: int, settle: float = SETTLE, timer_settle: float = TIMER_SETTLE,
) -> SessionFigures:
    """Launch argv, then measure idle, tab switches and (if start_keys) a ticking timer.

    If the last start key makes the program write nothing at all, there is no timer to
    measure (the feature is missing) and `ticking` stays None.
    """
    figures = SessionFigures()
    program = PtyProgram(argv, pty_env(config), cwd=str(config.parent))
    try:
        first = program.wait_frame(program.launched, marker=b"Quit", quiet=0.3)
        if first.marker_at is None:
            raise RuntimeError(f"{argv} drew no first frame: {bytes(first.text[-400:])!r}")
        program.count_bytes(settle)
        if idle_s:
            figures.idle = measure_window(program, idle_s)
        if switches:
            switch_tabs(program, figures, switches)
        if start_keys:
            for keys in start_keys:
                answer = press(program, keys)
            if answer.nbytes:
                program.count_bytes(timer_settle)  # past the first redraws
                window = measure_window(program, tick_s)
                figures.ticking = window if window.nbytes else None
    finally:
        program.close()
    return figures


def footpain_session(template, start_keys, **plan) -> SessionFigures:
    """One footpain session on a fresh copy of the data folder."""
    with scratch(template) as (data, config):
        return run_session(footpain_argv(data), config, start_keys, **plan)


def bare_session(**plan) -> SessionFigures:
    """One bare-app session; its timer is the Digits countdown on tab 2 (keys 2, t)."""
    with scratch(None) as (_data, config):
        return run_session(bare_argv(), config, [b"2", b"t"], **plan)
